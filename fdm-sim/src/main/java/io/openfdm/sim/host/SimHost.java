package io.openfdm.sim.host;

import io.openfdm.agent.node.AgentEnvironment;
import io.openfdm.agent.node.AgentNode;
import io.openfdm.agent.node.HypervisorCalls;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.env.DefaultGateway;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.hostd.sim.InMemoryPowerStateStore;
import io.openfdm.hostd.sim.SimulatedHypervisor;
import io.openfdm.sim.net.SimAddressProbe;
import io.openfdm.sim.net.SimNetwork;
import io.openfdm.sim.storage.SimDatastores;
import io.openfdm.sim.time.Scheduler;
import io.openfdm.sim.time.SimClock;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.SplittableRandom;

/**
 * One simulated ESXi host: an {@link AgentNode} over a {@link SimulatedHypervisor}, the host's
 * view of the shared datastores, its {@link SimNetwork} transport, an in-memory journal and local
 * store, and a {@link SimClock}.
 *
 * <p>Life cycle, as the scenario commands drive it:
 * <ul>
 *   <li>{@link #boot()} ({@code power host-3 on}): the hypervisor boots from its power-state store
 *       (which survives crashes, as hostd's inventory does), a new agent starts, and the host is
 *       ticked every {@code tickIntervalMs} from a seeded phase, so hosts do not tick in
 *       lock-step.</li>
 *   <li>{@link #crash()} ({@code power host-3 off}): nothing runs any more, no goodbye is sent;
 *       the hypervisor and every VM on it are gone; messages in flight to it are lost.</li>
 *   <li>{@link #shutdown()} ({@code shutdown host-3}): the agent's graceful {@code stop} (a master
 *       resigns and releases its leases), then the hypervisor shuts down cleanly.</li>
 *   <li>{@link #stopAgent()} / {@link #startAgent()} ({@code agent host-3 stop|start}): only the
 *       agent dies (no goodbye) or starts again; the hypervisor and its VMs run on and the host's
 *       management address still answers pings, as when FDM's agent crashes on a live ESXi host.</li>
 * </ul>
 * Each boot is an <em>incarnation</em>; ticks scheduled by an earlier incarnation do nothing.
 */
public final class SimHost {
    /**
     * Every simulated host's default gateway: an address outside the cluster, so
     * {@link SimAddressProbe} answers for it unless the host's cables are cut.
     */
    public static final String GATEWAY = "10.0.255.254";

    private final HostId id;
    private final ClusterConfig config;
    private final Scheduler scheduler;
    private final SimNetwork network;
    private final SimDatastores datastores;
    private final SplittableRandom random;
    private final SimClock clock;
    private final MemoryJournal journal;
    private final MemoryLocalStore store = new MemoryLocalStore();
    private final InMemoryPowerStateStore powerStates = new InMemoryPowerStateStore();

    /** VMs that were running here when the host went down in maintenance or standby mode. */
    private final Set<VmId> downOutOfService = new TreeSet<>();

    private int incarnation;
    private AgentNode node;
    private SimulatedHypervisor hypervisor;
    /** The boot id of the running agent (its wall clock at start, as {@code AgentNode} takes it). */
    private long agentBootId;

    /**
     * @param random chooses this host's monotonic clock offset and tick phases; a split of the
     *               run's seed
     */
    public SimHost(HostId id, ClusterConfig config, Scheduler scheduler, SimNetwork network,
                   SimDatastores datastores, Timeline timeline, SplittableRandom random) {
        this.id = id;
        this.config = config;
        this.scheduler = scheduler;
        this.network = network;
        this.datastores = datastores;
        this.random = random;
        this.clock = new SimClock(scheduler, random.nextLong(1_000_000_000L));
        this.journal = new MemoryJournal(scheduler, timeline);
    }

    public HostId id() {
        return id;
    }

    public SimClock clock() {
        return clock;
    }

    public MemoryJournal journal() {
        return journal;
    }

    /** True while the agent runs: between {@link #boot()} and {@link #crash()}, {@link #shutdown()} or {@link #stopAgent()}. */
    public boolean live() {
        return node != null;
    }

    /** True while the host is powered on, its agent running or not. */
    public boolean poweredOn() {
        return hypervisor != null;
    }

    /** The running agent's boot id (what it stamps in reports and poweredoff markers). */
    public long agentBootId() {
        return agentBootId;
    }

    /** The running agent. @throws IllegalStateException if the host is down */
    public AgentNode node() {
        requireLive("node");
        return node;
    }

    /** The running hypervisor, or empty when the host is down. */
    public Optional<SimulatedHypervisor> hypervisor() {
        return Optional.ofNullable(hypervisor);
    }

    /** This host's monotonic time, milliseconds: what its agent is given as {@code nowMs}. */
    public long nowMs() {
        return clock.monotonicMs();
    }

    /** VMs powered on here now; empty when the host is down. */
    public List<VmId> poweredOnVms() {
        if (hypervisor == null) {
            return List.of();
        }
        return hypervisor.listVms().stream().filter(VmInfo::poweredOn).map(VmInfo::id).toList();
    }

    /** Powers the host on: hypervisor, then a new agent. @throws IllegalStateException if live */
    public void boot() {
        boot(List.of());
    }

    /**
     * Powers the host on and powers {@code vms} on before the agent starts (the cluster's
     * state at second 0).
     *
     * @throws IllegalStateException if the host is live
     */
    public void boot(List<VmId> vms) {
        if (poweredOn()) {
            throw new IllegalStateException(id + " is already powered on");
        }
        incarnation++;
        hypervisor = SimulatedHypervisor.boot(id, datastores.view(id), () -> datastores.reachableFrom(id), powerStates);
        hypervisor.simulateGuests(clock::monotonicMs, SimulatedHypervisor.DEFAULT_GUEST_SHUTDOWN_MS);
        for (VmId vm : vms) {
            hypervisor.powerOn(vm);
        }
        startAgentNode();
    }

    /**
     * Kills only the agent ({@code agent host-3 stop}): no goodbye, messages to it are lost; the
     * hypervisor, its VMs and the host's address stay up.
     *
     * @throws IllegalStateException if the agent is not running
     */
    public void stopAgent() {
        requireLive("agent stop");
        network.detach(id);
        network.agentStopped(id, true);
        node = null;
        incarnation++;
    }

    /**
     * Starts a new agent on the running hypervisor ({@code agent host-3 start}).
     *
     * @throws IllegalStateException if the host is off or its agent already runs
     */
    public void startAgent() {
        if (!poweredOn() || live()) {
            throw new IllegalStateException("agent start: " + id + (poweredOn() ? "'s agent already runs" : " is powered off"));
        }
        network.agentStopped(id, false);
        incarnation++;
        startAgentNode();
    }

    private void startAgentNode() {
        agentBootId = clock.wallMs();
        AgentEnvironment env = new AgentEnvironment(network.transport(id), datastores.view(id), hypervisor,
                journal, store, clock, HypervisorCalls.inline(), new SimAddressProbe(id, config, network),
                DefaultGateway.of(GATEWAY));
        node = new AgentNode(id, config, env);
        AgentNode booted = node;
        network.attach(id, (from, message) -> booted.onMessage(from, message, nowMs()));
        node.start(nowMs());
        long tickMs = config.timing().tickIntervalMs();
        scheduleTick(incarnation, 1 + random.nextLong(tickMs), tickMs);
    }

    /** Power cut: no goodbye, VMs gone. @throws IllegalStateException if already down */
    public void crash() {
        if (!poweredOn()) {
            throw new IllegalStateException("crash: " + id + " is powered off");
        }
        noteDownOutOfService();
        network.detach(id);
        network.agentStopped(id, false);
        node = null;
        hypervisor = null;
        incarnation++;
    }

    /** Graceful stop of the agent, then a clean hypervisor shutdown. @throws IllegalStateException if down */
    public void shutdown() {
        if (!poweredOn()) {
            throw new IllegalStateException("shutdown: " + id + " is powered off");
        }
        noteDownOutOfService();
        if (node != null) {
            node.stop(nowMs());
        }
        hypervisor.shutdownClean();
        network.detach(id);
        network.agentStopped(id, false);
        node = null;
        hypervisor = null;
        incarnation++;
    }

    /**
     * VMs that were powered on here when the host went down in maintenance or standby mode: HA
     * leaves them off by design (VMware: such a host going down is not a failure).
     */
    public Set<VmId> vmsDownOutOfService() {
        return Set.copyOf(downOutOfService);
    }

    private void noteDownOutOfService() {
        if (node != null && !node.hostMode().inService()) {
            downOutOfService.addAll(poweredOnVms());
        }
    }

    private void scheduleTick(int forIncarnation, long delayMs, long tickMs) {
        scheduler.after(delayMs, () -> {
            if (incarnation != forIncarnation || node == null) {
                return;
            }
            node.onTick(nowMs());
            scheduleTick(forIncarnation, tickMs, tickMs);
        });
    }

    private void requireLive(String what) {
        if (!live()) {
            throw new IllegalStateException(what + ": " + id + " is powered off");
        }
    }
}
