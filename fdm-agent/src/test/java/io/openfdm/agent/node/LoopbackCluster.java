package io.openfdm.agent.node;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.Timing;
import io.openfdm.core.env.Clock;
import io.openfdm.core.env.LocalStore;
import io.openfdm.core.journal.EventJournal;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.wire.Message;
import io.openfdm.datastore.nio.NioDatastoreFiles;
import io.openfdm.hostd.sim.InMemoryPowerStateStore;
import io.openfdm.hostd.sim.SimulatedHypervisor;
import io.openfdm.hostd.sim.VmConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A small in-process cluster for AgentNode tests: real datastore directories (NIO), the simulated
 * hypervisor, a message queue instead of UDP, and virtual time advanced by the test. Messages sent
 * during a step are delivered at the next tick boundary; a crashed host neither ticks nor
 * receives.
 */
final class LoopbackCluster {
    final ClusterConfig config;
    final Map<HostId, AgentNode> nodes = new TreeMap<>();
    final Map<HostId, SimulatedHypervisor> hypervisors = new TreeMap<>();
    final Map<HostId, InMemoryPowerStateStore> powerStores = new HashMap<>();
    final List<JournalEvent> journal = new ArrayList<>();
    final Map<String, Path> roots = new LinkedHashMap<>();
    private final List<Object[]> inFlight = new ArrayList<>();
    /** Hosts whose management address answers a ping (only with {@code pingedAddresses}). */
    final java.util.Set<HostId> answering = new java.util.HashSet<>();
    /** With {@code pingedAddresses}: completions of pings and power-ons, delivered at the next tick. */
    private final List<Runnable> completions = new ArrayList<>();
    private final boolean pingedAddresses;
    long now = 1_000;

    LoopbackCluster(Path dir, int hosts, int datastores, Timing timing) throws Exception {
        this(dir, hosts, datastores, timing, false);
    }

    /**
     * @param pingedAddresses hosts get non-loopback addresses (10.0.7.x, which the master pings),
     *                        pings answer for {@link #answering}, and pings and power-ons complete
     *                        later, at the next tick, as on the runtime's workers
     */
    LoopbackCluster(Path dir, int hosts, int datastores, Timing timing, boolean pingedAddresses) throws Exception {
        this.pingedAddresses = pingedAddresses;
        List<DatastoreSpec> ds = new ArrayList<>();
        for (int d = 1; d <= datastores; d++) {
            Path root = dir.resolve("ds-" + d);
            Files.createDirectories(root);
            roots.put("ds-" + d, root);
            ds.add(new DatastoreSpec("ds-" + d, root.toString()));
        }
        List<HostSpec> hs = new ArrayList<>();
        for (int h = 1; h <= hosts; h++) {
            hs.add(new HostSpec(HostId.of("host-" + h), (pingedAddresses ? "10.0.7." : "127.0.0.") + (10 + h), 8182,
                    List.copyOf(roots.keySet()),
                    20_000, 65_536));
        }
        config = new ClusterConfig("c1", 1, "0f".repeat(32), hs, ds, List.of(), 2, timing).validate();
    }

    NioDatastoreFiles files() {
        return new NioDatastoreFiles(roots);
    }

    void createVm(String vm, String ds, String host, RestartPriority priority) {
        SimulatedHypervisor.createVm(files(), ds, new VmConfig(VmId.of(vm), vm, 100, 1024, priority, HostId.of(host)));
    }

    void boot(HostId host) {
        InMemoryPowerStateStore store = powerStores.computeIfAbsent(host, h -> new InMemoryPowerStateStore());
        SimulatedHypervisor hv = SimulatedHypervisor.boot(host, files(), () -> List.copyOf(roots.keySet()), store);
        hypervisors.put(host, hv);
        Clock clock = new Clock() {
            @Override
            public long monotonicMs() {
                return now;
            }

            @Override
            public long wallMs() {
                return 1_700_000_000_000L + now;
            }
        };
        EventJournal j = new EventJournal() {
            @Override
            public void record(JournalEvent event) {
                journal.add(event);
            }

            @Override
            public List<JournalEvent> recent(int limit) {
                return journal.subList(Math.max(0, journal.size() - limit), journal.size());
            }
        };
        LocalStore store2 = new LocalStore() {
            private ClusterConfig cfg;
            private LastRole role;

            @Override
            public Optional<ClusterConfig> loadConfig() {
                return Optional.ofNullable(cfg);
            }

            @Override
            public void saveConfig(ClusterConfig c) {
                cfg = c;
            }

            @Override
            public Optional<LastRole> lastRole() {
                return Optional.ofNullable(role);
            }

            @Override
            public void saveRole(LastRole r) {
                role = r;
            }
        };
        AgentEnvironment env = pingedAddresses
                ? new AgentEnvironment((to, m) -> inFlight.add(new Object[]{host, to, m}), files(), hv, j, store2, clock,
                        new HypervisorCalls() {
                            @Override
                            public <T> void run(long nowMs, java.util.function.Supplier<T> work, Completion<T> done) {
                                T result = work.get();
                                completions.add(() -> done.done(result, now, true));
                            }
                        },
                        (address, timeoutMs) -> answering.stream()
                                .anyMatch(h -> config.host(h).orElseThrow().address().equals(address)))
                : new AgentEnvironment((to, m) -> inFlight.add(new Object[]{host, to, m}), files(), hv, j, store2, clock,
                        (address, timeoutMs) -> false);
        AgentNode node = new AgentNode(host, config, env);
        answering.add(host);
        nodes.put(host, node);
        node.start(now);
    }

    void crash(HostId host) {
        nodes.remove(host);
        hypervisors.remove(host);
        answering.remove(host);
    }

    /** Only the agent dies: its hypervisor and VMs run on, its address still answers. */
    void stopAgent(HostId host) {
        nodes.remove(host);
    }

    void run(long ms) {
        long end = now + ms;
        while (now < end) {
            now += config.timing().tickIntervalMs();
            List<Runnable> done = new ArrayList<>(completions);
            completions.clear();
            done.forEach(Runnable::run);
            List<Object[]> batch = new ArrayList<>(inFlight);
            inFlight.clear();
            for (Object[] m : batch) {
                AgentNode to = nodes.get((HostId) m[1]);
                if (to != null && nodes.containsKey((HostId) m[0])) {
                    to.onMessage((HostId) m[0], (Message) m[2], now);
                }
            }
            for (AgentNode n : nodes.values()) {
                n.onTick(now);
            }
        }
    }

    /** Live hosts running {@code vm}. */
    List<HostId> runningOn(String vm) {
        List<HostId> out = new ArrayList<>();
        hypervisors.forEach((h, hv) -> hv.vm(VmId.of(vm)).filter(VmInfo::poweredOn).ifPresent(v -> out.add(h)));
        return out;
    }

    String timeline() {
        StringBuilder sb = new StringBuilder();
        for (JournalEvent e : journal) {
            sb.append(String.format("%8.3f %s/%s: %s%n", (e.wallMs() - 1_700_000_001_000L) / 1000.0, e.host(), e.role(),
                    e.message()));
        }
        return sb.toString();
    }
}
