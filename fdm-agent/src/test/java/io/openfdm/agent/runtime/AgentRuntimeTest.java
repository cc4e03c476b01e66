package io.openfdm.agent.runtime;

import io.openfdm.agent.admin.AdminClient;
import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.net.Inbound;
import io.openfdm.agent.net.NettyUdpTransport;
import io.openfdm.agent.net.PacketCounters;
import io.openfdm.agent.node.AgentEnvironment;
import io.openfdm.agent.push.AgentReport;
import io.openfdm.agent.push.PushClient;
import io.openfdm.agent.push.PushException;
import io.openfdm.agent.store.H2Database;
import io.openfdm.agent.store.H2LocalStore;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.Timing;
import io.openfdm.core.env.Transport;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.wire.Message;
import io.openfdm.core.wire.Resign;
import io.openfdm.datastore.nio.NioDatastoreFiles;
import io.openfdm.hostd.sim.SimulatedHypervisor;
import io.openfdm.hostd.sim.VmConfig;
import io.openfdm.agent.config.ClusterFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runtime's wiring, with a recording stand-in for the node (the real node is tested by the
 * simulator and end-to-end tests): threads, ticks, message delivery, status merge, admin, start-up
 * failure clean-up and shutdown.
 */
class AgentRuntimeTest {
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");
    private static final InetAddress LO = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    /** Records every call and the thread it came on. */
    static class RecordingNode implements AgentLoop {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<Message> messages = new CopyOnWriteArrayList<>();
        volatile AgentEnvironment env;

        private void note(String call) {
            calls.add(call);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void start(long nowMs) {
            note("start");
        }

        @Override
        public void onMessage(HostId from, Message message, long nowMs) {
            note("message");
            messages.add(message);
        }

        @Override
        public void onTick(long nowMs) {
            note("tick");
        }

        @Override
        public void stop(long nowMs) {
            note("stop");
            if (env != null) {
                env.transport().send(H2, new Resign(new Claim(H1, 1)));
            }
        }

        @Override
        public void applyOverrides(ClusterConfig next, long nowMs) {
            note("overrides " + next.version());
        }

        volatile io.openfdm.core.model.HostMode hostMode = io.openfdm.core.model.HostMode.NORMAL;

        @Override
        public io.openfdm.core.model.HostMode hostMode() {
            return hostMode;
        }

        @Override
        public boolean setHostMode(io.openfdm.core.model.HostMode mode, long nowMs) {
            note("host mode " + mode.displayName());
            boolean changed = mode != hostMode;
            hostMode = mode;
            return changed;
        }

        @Override
        public io.openfdm.core.status.RestartPlan plan(List<HostId> failed, long nowMs) {
            note("plan " + failed);
            throw new IllegalStateException("host-1 is not the master; ask the master host-2");
        }

        @Override
        public AgentStatus status(long nowMs) {
            note("status");
            return new AgentStatus("host-1", "slave", "host-2", "c1", 1, 5, Map.of("node.custom", 9L), List.of(), List.of(), List.of());
        }
    }

    static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }

    static int freeTcpPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, LO)) {
            return s.getLocalPort();
        }
    }

    private ClusterConfig cluster(long version, int port1, int port2) throws Exception {
        Path ds = Files.createDirectories(dir.resolve("datastores/ds-1"));
        return new ClusterConfig("c1", version, ClusterFixtures.KEY_HEX,
                List.of(new HostSpec(H1, "127.0.0.1", port1, List.of("ds-1"), 20000, 65536),
                        new HostSpec(H2, "127.0.0.1", port2, List.of("ds-1"), 20000, 65536)),
                List.of(new DatastoreSpec("ds-1", ds.toString())), List.of(), 2, Timing.defaults()).validate();
    }

    private AgentConfig agent(int adminPort) {
        return new AgentConfig(H1, dir.resolve("state"), dir.resolve("cluster.json"), new InetSocketAddress(LO, adminPort), "simulated");
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void runsTheNodeOnOneAgentThreadAndStopsCleanly() throws Exception {
        int port1 = freeUdpPort();
        int port2 = freeUdpPort();
        ClusterConfig cluster = cluster(1, port1, port2);
        RecordingNode node = new RecordingNode();
        List<Inbound> atPeer = new CopyOnWriteArrayList<>();
        try (NettyUdpTransport peer = NettyUdpTransport.bind(H2, cluster, 1, new PacketCounters(), atPeer::add)) {
            AgentRuntime rt = AgentRuntime.start(agent(freeTcpPort()), cluster, (self, config, env) -> {
                node.env = env;
                return node;
            });
            try {
                assertThat(rt.udpAddress().getPort()).isEqualTo(port1);
                waitFor("ticks", () -> node.calls.stream().filter("tick"::equals).count() >= 3);
                assertThat(node.calls.get(0)).isEqualTo("start");

                Resign resign = new Resign(new Claim(H2, 1));
                peer.send(H1, resign);
                waitFor("message", () -> node.messages.contains(resign));

                AgentStatus status = AdminClient.forAgent(agent(rt.adminAddress().getPort())).status();
                assertThat(status.role()).isEqualTo("slave");
                assertThat(status.counters()).containsEntry("node.custom", 9L).containsEntry("received", 1L)
                        .containsKey("dropped.unauthenticated");
                assertThat(rt.status().counters()).containsKey("sendErrors");
            } finally {
                rt.close();
            }
            assertThat(node.calls.get(node.calls.size() - 1)).isEqualTo("stop");
            assertThat(node.threads).containsOnly("agent");
            waitFor("resign sent while stopping", () -> atPeer.stream().anyMatch(i -> i.message() instanceof Resign));
        }
        int ticks = (int) node.calls.stream().filter("tick"::equals).count();
        Thread.sleep(150);
        assertThat(node.calls.stream().filter("tick"::equals).count()).as("no ticks after close").isEqualTo(ticks);

        // everything released: the ports bind again and the database opens
        try (NettyUdpTransport again = NettyUdpTransport.bind(H1, cluster, 2, new PacketCounters(), m -> { });
             H2Database db = H2Database.open(dir.resolve("state"))) {
            assertThat(again.localAddress().getPort()).isEqualTo(port1);
            assertThat(new H2LocalStore(db).loadConfig()).contains(cluster);
        }
    }

    /**
     * With the simulated hypervisor too, slow work (power-ons, isolation pings that may wait a
     * second per address) runs on a worker and its result comes back on the agent thread; the
     * environment names the host's default gateway from /proc/net/route.
     */
    @Test
    void slowCallsRunOffTheAgentThreadAndTheirResultsComeBackOnIt() throws Exception {
        ClusterConfig cluster = cluster(1, freeUdpPort(), freeUdpPort());
        RecordingNode node = new RecordingNode();
        AgentRuntime rt = AgentRuntime.start(agent(freeTcpPort()), cluster, (self, config, env) -> {
            node.env = env;
            return node;
        });
        try {
            List<String> threads = new CopyOnWriteArrayList<>();
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            node.env.hypervisorCalls().run(0, () -> Thread.currentThread().getName(), (worker, nowMs, deferred) -> {
                threads.add(worker);
                threads.add(Thread.currentThread().getName());
                threads.add(String.valueOf(deferred));
                done.countDown();
            });
            assertThat(done.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(threads.get(0)).startsWith("hypervisor-");
            assertThat(threads.subList(1, 3)).containsExactly("agent", "true");
            assertThat(node.env.defaultGateway()).isInstanceOf(ProcNetRouteGateway.class);
        } finally {
            rt.close();
        }
    }

    @Test
    void aTransportLayerWrapsTheUdpTransportTheNodeSendsThrough() throws Exception {
        ClusterConfig cluster = cluster(1, freeUdpPort(), freeUdpPort());
        RecordingNode node = new RecordingNode();
        List<Transport> wrapped = new CopyOnWriteArrayList<>();
        List<Message> throughLayer = new CopyOnWriteArrayList<>();
        List<Inbound> atPeer = new CopyOnWriteArrayList<>();
        try (NettyUdpTransport peer = NettyUdpTransport.bind(H2, cluster, 1, new PacketCounters(), atPeer::add)) {
            AgentRuntime rt = AgentRuntime.start(agent(freeTcpPort()), cluster, (self, config, env) -> {
                node.env = env;
                return node;
            }, udp -> {
                wrapped.add(udp);
                return (to, message) -> {
                    throughLayer.add(message);
                    udp.send(to, message);
                };
            });
            rt.close();
            waitFor("resign at the peer", () -> atPeer.stream().anyMatch(i -> i.message() instanceof Resign));
        }
        assertThat(wrapped).singleElement().isInstanceOf(NettyUdpTransport.class);
        assertThat(node.env.transport()).isNotSameAs(wrapped.get(0));
        assertThat(throughLayer).singleElement().isInstanceOf(Resign.class);
    }

    @Test
    void aCleanStopKeepsPoweredOnVmsForTheNextStart() throws Exception {
        ClusterConfig cluster = cluster(1, freeUdpPort(), freeUdpPort());
        NioDatastoreFiles files = new NioDatastoreFiles(Map.of("ds-1", Path.of(cluster.datastores().get(0).path())));
        SimulatedHypervisor.createVm(files, "ds-1", new VmConfig(VmId.of("vm-1"), "web", 0, 0, RestartPriority.MEDIUM, H1));
        AgentConfig agent = agent(freeTcpPort());

        try (AgentRuntime rt = AgentRuntime.start(agent, cluster, (self, config, env) -> new RecordingNode())) {
            AdminClient admin = AdminClient.forAgent(agent);
            assertThat(rt.adminAddress()).isEqualTo(agent.admin());
            assertThat(admin.powerOn("vm-1").power()).isEqualTo(PowerState.POWERED_ON);
        }
        try (AgentRuntime rt = AgentRuntime.start(agent, cluster, (self, config, env) -> {
            assertThat(env.hypervisor().vm(VmId.of("vm-1")).orElseThrow().power()).isEqualTo(PowerState.POWERED_ON);
            return new RecordingNode();
        })) {
            assertThat(rt.config()).isEqualTo(cluster);
            assertThat(AdminClient.forAgent(agent).powerOff("vm-1").power()).isEqualTo(PowerState.POWERED_OFF);
        }
    }

    @Test
    void aNewerConfigFileStopsTheNodeAndStartsANewOneOnTheNewConfig() throws Exception {
        int p1 = freeUdpPort();
        int p2 = freeUdpPort();
        ClusterConfig v1 = cluster(1, p1, p2);
        io.openfdm.agent.config.ClusterConfigFiles.write(dir.resolve("cluster.json"), v1);
        List<RecordingNode> made = new CopyOnWriteArrayList<>();
        List<Long> versions = new CopyOnWriteArrayList<>();
        try (AgentRuntime rt = AgentRuntime.start(agent(freeTcpPort()), v1, (s, c, e) -> {
            RecordingNode n = new RecordingNode();
            made.add(n);
            versions.add(c.version());
            return n;
        })) {
            io.openfdm.agent.config.ClusterConfigFiles.write(dir.resolve("cluster.json"), cluster(2, p1, p2));
            waitFor("second node", () -> made.size() == 2 && made.get(1).calls.contains("start"));
            assertThat(versions).containsExactly(1L, 2L);
            assertThat(made.get(0).calls).contains("stop");
            assertThat(rt.config().version()).isEqualTo(2);
            // A broken file is ignored: the agent keeps the configuration it has.
            Files.writeString(dir.resolve("cluster.json"), "{ not json");
            Thread.sleep(AgentRuntime.CONFIG_POLL_INTERVAL_MS + 500);
            assertThat(made).hasSize(2);
            assertThat(rt.config().version()).isEqualTo(2);
        }
    }

    @Test
    void aNewerConfigChangingOnlyVmOverridesIsAppliedWithoutANewNode() throws Exception {
        int p1 = freeUdpPort();
        int p2 = freeUdpPort();
        ClusterConfig v1 = cluster(1, p1, p2);
        io.openfdm.agent.config.ClusterConfigFiles.write(dir.resolve("cluster.json"), v1);
        List<RecordingNode> made = new CopyOnWriteArrayList<>();
        try (AgentRuntime rt = AgentRuntime.start(agent(freeTcpPort()), v1, (s, c, e) -> {
            RecordingNode n = new RecordingNode();
            made.add(n);
            return n;
        })) {
            ClusterConfig v2 = new ClusterConfig(v1.clusterId(), 2, v1.keyHex(), v1.hosts(), v1.datastores(),
                    List.of(new io.openfdm.core.config.VmOverride(io.openfdm.core.model.VmId.of("vm-1"), true,
                            io.openfdm.core.model.RestartPriority.HIGHEST)), 2, v1.timing());
            io.openfdm.agent.config.ClusterConfigFiles.write(dir.resolve("cluster.json"), v2);
            waitFor("overrides applied", () -> made.get(0).calls.contains("overrides 2"));
            assertThat(made).hasSize(1);
            assertThat(made.get(0).calls).doesNotContain("stop");
            assertThat(rt.config().version()).isEqualTo(2);
        }
    }

    @Test
    void aPushedConfigIsPersistedToFileAndStoreAndApplied() throws Exception {
        int p1 = freeUdpPort();
        int p2 = freeUdpPort();
        ClusterConfig v1 = cluster(1, p1, p2);
        io.openfdm.agent.config.ClusterConfigFiles.write(dir.resolve("cluster.json"), v1);
        List<Long> versions = new CopyOnWriteArrayList<>();
        ClusterConfig v2 = cluster(2, p1, p2);
        try (AgentRuntime rt = AgentRuntime.start(agent(freeTcpPort()), v1, (s, c, e) -> {
            versions.add(c.version());
            return new RecordingNode();
        })) {
            assertThat(rt.pushAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", p1));
            PushClient push = new PushClient(rt.pushAddress(), v1.key(), io.openfdm.core.env.Clock.system(), 3_000);
            assertThat(push.putConfig(v2)).isEqualTo(2);
            assertThat(rt.config()).isEqualTo(v2);
            assertThat(versions).containsExactly(1L, 2L);
            assertThat(io.openfdm.agent.config.ClusterConfigFiles.read(dir.resolve("cluster.json"))).isEqualTo(v2);
            // the file reload sees the same version and does nothing
            Thread.sleep(AgentRuntime.CONFIG_POLL_INTERVAL_MS + 300);
            assertThat(versions).containsExactly(1L, 2L);

            // a configuration this host is not a member of is refused; nothing changes
            ClusterConfig without = new ClusterConfig("c1", 3, v2.keyHex(), List.of(v2.hosts().get(1)), v2.datastores(),
                    List.of(), 2, v2.timing());
            assertThatThrownBy(() -> push.putConfig(without)).isInstanceOfSatisfying(PushException.class,
                    e -> assertThat(e.currentVersion()).isEqualTo(2));
            AgentReport report = push.status(10);
            assertThat(report.status().counters()).containsEntry("push.applied", 1L).containsEntry("push.rejected.invalid", 1L);
            assertThat(report.events()).anyMatch(e -> e.message().contains("configuration version 2 replaces 1 (push)"));
        }
        try (H2Database db = H2Database.open(dir.resolve("state"))) {
            assertThat(new H2LocalStore(db).loadConfig()).contains(v2);
        }
    }

    @Test
    void storedNewerConfigWinsOverTheFile() throws Exception {
        int p1 = freeUdpPort();
        int p2 = freeUdpPort();
        ClusterConfig newer = cluster(5, p1, p2);
        try (H2Database db = H2Database.open(dir.resolve("state"))) {
            new H2LocalStore(db).saveConfig(newer);
        }
        try (AgentRuntime rt = AgentRuntime.start(agent(freeTcpPort()), cluster(3, p1, p2), (s, c, e) -> new RecordingNode())) {
            assertThat(rt.config()).isEqualTo(newer);
        }
        ClusterConfig newest = cluster(6, p1, p2);
        try (AgentRuntime rt = AgentRuntime.start(agent(freeTcpPort()), newest, (s, c, e) -> new RecordingNode())) {
            assertThat(rt.config()).isEqualTo(newest);
        }
        try (H2Database db = H2Database.open(dir.resolve("state"))) {
            assertThat(new H2LocalStore(db).loadConfig()).contains(newest);
        }
    }

    @Test
    void configPrecedenceOnEqualVersionsTakesTheFile() throws Exception {
        try (H2Database db = H2Database.open(dir.resolve("state"))) {
            H2LocalStore store = new H2LocalStore(db);
            ClusterConfig stored = cluster(2, 9001, 9002);
            ClusterConfig file = cluster(2, 9003, 9004);
            store.saveConfig(stored);
            assertThat(ConfigPrecedence.choose(store, file)).isEqualTo(file);
            assertThat(store.loadConfig()).contains(file);
            assertThat(ConfigPrecedence.choose(store, cluster(1, 9001, 9002))).isEqualTo(file);
        }
    }

    @Test
    void aHostOutsideTheClusterIsAConfigError() throws Exception {
        ClusterConfig cluster = cluster(1, freeUdpPort(), freeUdpPort());
        AgentConfig stranger = new AgentConfig(HostId.of("host-9"), dir.resolve("state"), dir.resolve("cluster.json"),
                new InetSocketAddress(LO, freeTcpPort()), "simulated");
        assertThatThrownBy(() -> AgentRuntime.start(stranger, cluster, (s, c, e) -> new RecordingNode()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("agent.host: host-9 is not a member");
        try (H2Database db = H2Database.open(dir.resolve("state"))) {
            assertThat(db.schemaVersion()).as("database released after the failed start").isPositive();
        }
    }

    @Test
    void aFailedStartReleasesWhatItOpened() throws Exception {
        int port1 = freeUdpPort();
        ClusterConfig cluster = cluster(1, port1, freeUdpPort());
        try (ServerSocket taken = new ServerSocket(0, 1, LO)) {
            assertThatThrownBy(() -> AgentRuntime.start(agent(taken.getLocalPort()), cluster, (s, c, e) -> new RecordingNode()))
                    .hasMessageContaining("cannot bind admin endpoint");
        }
        try (NettyUdpTransport again = NettyUdpTransport.bind(H1, cluster, 2, new PacketCounters(), m -> { });
             H2Database db = H2Database.open(dir.resolve("state"))) {
            assertThat(again.localAddress().getPort()).isEqualTo(port1);
            assertThat(db.schemaVersion()).isPositive();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("agent") && t.isAlive());
    }

    @Test
    void aNodeThatThrowsDoesNotStopTheLoop() throws Exception {
        ClusterConfig cluster = cluster(1, freeUdpPort(), freeUdpPort());
        RecordingNode node = new RecordingNode() {
            @Override
            public void onTick(long nowMs) {
                super.onTick(nowMs);
                throw new IllegalStateException("bug");
            }
        };
        try (AgentRuntime rt = AgentRuntime.start(agent(freeTcpPort()), cluster, (s, c, e) -> node)) {
            waitFor("ticks after failures", () -> node.calls.stream().filter("tick"::equals).count() >= 5);
            assertThat(rt.status().role()).as("the agent thread still answers").isEqualTo("slave");
        }
    }
}
