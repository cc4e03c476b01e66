package io.openfdm.cli.demo.vcsim;

import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.bridge.agents.AgentFiles;
import io.openfdm.bridge.agents.AgentVsphere;
import io.openfdm.bridge.api.ClusterSummary;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.bridge.config.AgentAddress;
import io.openfdm.bridge.config.AgentAddresses;
import io.openfdm.bridge.runtime.BridgeOptions;
import io.openfdm.bridge.runtime.BridgeRuntime;
import io.openfdm.agent.store.StoreException;
import io.openfdm.bridge.vcenter.VsphereVcenter;
import io.openfdm.cli.CliException;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.cluster.AddressCheck;
import io.openfdm.cli.cluster.AgentLauncher;
import io.openfdm.cli.cluster.LocalCluster;
import io.openfdm.cli.demo.DemoCommand;
import io.openfdm.cli.demo.Protection;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.status.VmStatus;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The vcsim demo's moving parts, started in order and stopped in reverse: vcsim (the vCenter), the
 * bridge (in this JVM, its JSON API on 127.0.0.1, a free port), HA enabled on the cluster through
 * that API, and one agent process per vcsim host on the vSphere backend, started from the
 * {@code agent.json} files the bridge wrote. Everything lives under {@link VcsimDemoSpec#dir}:
 * <pre>
 * DIR/vcenter.password                     vcsim's password (mode 0600), named by every agent.json
 * DIR/bridge.log                           this JVM's log while the demo runs (the bridge, the vSphere client)
 * DIR/vcsim/govcsim-DC0-LocalDS_N-.../      vcsim's datastores (removed when vcsim stops); the agents keep
 *                                          .vSphere-HA/&lt;cluster id&gt;/ (protectedlist, heartbeats) in them
 * DIR/bridge/state/                        the bridge's H2 store
 * DIR/bridge/agents/&lt;cluster&gt;/cluster.json   the configuration the bridge wrote and pushes
 * DIR/bridge/agents/&lt;cluster&gt;/hosts/&lt;host&gt;/ agent.json, state/, agent.log, pid
 * </pre>
 *
 * <p>{@link #close()} stops the agents (SIGTERM, then SIGKILL after 10 s), the bridge and vcsim; a
 * shutdown hook does the same on Ctrl-C.
 */
public final class VcsimDemo implements AutoCloseable {
    /** Longest wait for the bridge's first inventory read, milliseconds. */
    static final long FIRST_READ_TIMEOUT_MS = 30_000;

    private final VcsimDemoSpec spec;
    private final PrintWriter out;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private volatile VcsimLab lab;
    private volatile BridgeRuntime bridge;
    private volatile LocalCluster cluster;
    private volatile DemoLog log;
    private io.openfdm.cli.bridge.BridgeClient api;
    private ClusterSummary enabled;

    private VcsimDemo(VcsimDemoSpec spec, PrintWriter out) {
        this.spec = spec;
        this.out = out;
        this.shutdownHook = new Thread(() -> {
            if (!closed.get()) {
                out.println("fdm demo --vcsim: interrupted; stopping the agents, the bridge and vcsim");
                out.flush();
                stopAll();
            }
        }, "vcsim-demo-shutdown");
    }

    /**
     * Starts vcsim, the bridge and the agents, enables HA, and waits until the agents elect a master.
     *
     * @param vcsimBinary the vcsim binary ({@link VcsimBinary#locateOrInstall})
     * @throws CliException (usage) if an agent address cannot be bound; (failed) if a part does not
     *                      start; whatever started is stopped again
     */
    public static VcsimDemo start(VcsimDemoSpec spec, Path vcsimBinary, PrintWriter out) {
        VcsimDemo demo = new VcsimDemo(spec, out);
        Runtime.getRuntime().addShutdownHook(demo.shutdownHook);
        try {
            demo.startAll(vcsimBinary);
            return demo;
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    private void startAll(Path vcsimBinary) {
        Path dir = spec.dir();
        createDirectories(dir);
        log = DemoLog.toFile(dir.resolve("bridge.log"));
        long t0 = System.nanoTime();
        Path vcsimDir = dir.resolve("vcsim");
        createDirectories(vcsimDir);
        lab = VcsimLab.start(vcsimBinary, spec.hosts(), spec.datastores(), spec.vms(), spec.vcsimDelayMs(), vcsimDir);
        say("vcsim at %s (pid %d): cluster %s (%s), %d hosts, %d datastores, %d VMs spread over the hosts, in %s%s",
                lab.vcsim().sdkUrl(), lab.vcsim().pid(), lab.clusterName(), lab.clusterMoid(), lab.hosts().size(),
                spec.datastores(), spec.vms(), seconds(t0),
                spec.vcsimDelayMs() > 0 ? "; every vSphere call answered after " + spec.vcsimDelayMs() + " ms (-delay)" : "");

        Map<String, AgentAddress> addresses = new LinkedHashMap<>();
        for (int i = 0; i < lab.hosts().size(); i++) {
            addresses.put(lab.hosts().get(i), new AgentAddress(spec.agentAddress(i), spec.agentPort()));
        }
        Path passwordFile = writePassword(dir.resolve("vcenter.password"), lab.vcsim().password());
        BridgeOptions options = new BridgeOptions(dir.resolve("bridge/state"), dir.resolve("bridge/agents"),
                new InetSocketAddress("127.0.0.1", 0), false, new AgentAddresses(addresses), "vsphere",
                new AgentVsphere(lab.vcsim().sdkUrl(), lab.vcsim().user(), passwordFile, true),
                BridgeOptions.DEFAULT_PUSH_TIMEOUT_MS);
        try {
            bridge = BridgeRuntime.start(options, VsphereVcenter.connector(lab.endpoint()));
        } catch (StoreException | UncheckedIOException | IllegalArgumentException e) {
            throw CliException.failed("the bridge could not start: " + e.getMessage());
        }
        awaitFirstRead();
        api = BridgeClients.of(bridge.webAddress());
        api.updateSettings(lab.clusterMoid(), new HaSettings(true, "medium", "none", true, Math.min(2, spec.datastores()),
                spec.timingProfile()));
        enabled = api.enableHa(lab.clusterMoid());
        say("bridge: plugin page and JSON API on %s; POST /api/clusters/%s/enable-ha -> cluster id %s,"
                + " configuration version %d", api.base(), lab.clusterMoid(), enabled.clusterId(), enabled.configVersion());

        Path clusterDir = dir.resolve("bridge/agents").resolve(lab.clusterMoid());
        cluster = LocalCluster.open(clusterDir);
        ClusterConfig config = ClusterConfigFiles.read(clusterDir.resolve("cluster.json"));
        AddressCheck.check(config.hosts(), AgentFiles.ADMIN_PORT);
        long agentsStarted = System.nanoTime();
        cluster.startAll(AgentLauncher.sameAsThisJvm());
        ClusterView up = cluster.awaitUp(cluster.dir().hosts(), true, LocalCluster.UP_TIMEOUT_MS);
        say("%d agents on the vSphere backend (%s), one per host; master %s elected %s after their start",
                cluster.dir().hosts().size(), config.hosts().stream().map(h -> h.id().moid() + "=" + h.address())
                        .collect(Collectors.joining(", ")),
                up.requirePreferred().status().master(), seconds(agentsStarted));
    }

    private void awaitFirstRead() {
        try {
            if (!bridge.sync().awaitFirstRead(FIRST_READ_TIMEOUT_MS)) {
                throw CliException.failed("the bridge did not read vCenter's inventory within "
                        + FIRST_READ_TIMEOUT_MS / 1000 + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
    }

    /**
     * Waits until the master protects every VM.
     *
     * @return the agents' view at that moment
     * @throws CliException (failed) after {@link VcsimDemoSpec#protectTimeoutMs}
     */
    public ClusterView awaitProtected() {
        return Protection.await(cluster, spec.vms(), spec.protectTimeoutMs());
    }

    /**
     * The VMs the master protects in {@code view}, as vCenter reports them now.
     *
     * @throws CliException (failed) if a protected VM is unknown to vCenter
     */
    public List<VmRow> protectedVms(ClusterView view) {
        Set<String> protectedMoids = view.requirePreferred().status().vms().stream().filter(VmStatus::protectedByHa)
                .map(VmStatus::vm).collect(Collectors.toSet());
        List<VmRow> rows = lab.clusterVms().stream().filter(v -> protectedMoids.contains(v.moid())).toList();
        if (rows.size() != protectedMoids.size()) {
            throw CliException.failed("the master protects " + protectedMoids.size() + " VMs but vCenter knows "
                    + rows.size() + " of them");
        }
        return rows;
    }

    /** The slave running the most protected VMs, in {@code view}. */
    public String pickSlave(ClusterView view) {
        ClusterView.Answer master = view.requirePreferred();
        return DemoCommand.pickSlave(master.status().vms(), master.status().host());
    }

    /** Fails {@code host} ({@link HostFailure#inject}). */
    public HostFailure failHost(String host, boolean isMaster) {
        return HostFailure.inject(cluster, lab, host, isMaster);
    }

    /** Watches vCenter until the failed host's VMs run elsewhere ({@link RestartWatch#await}). */
    public RestartWatch.Outcome awaitRestarts(HostFailure failure, List<VmRow> protectedVms) {
        return RestartWatch.await(lab.client(), failure, protectedVms, spec.recoveryTimeoutMs());
    }

    /** As {@link #awaitRestarts(HostFailure, List)}, reading vCenter every {@code pollMs} milliseconds. */
    public RestartWatch.Outcome awaitRestarts(HostFailure failure, List<VmRow> protectedVms, long pollMs) {
        return RestartWatch.await(lab.client(), failure, protectedVms, spec.recoveryTimeoutMs(), pollMs);
    }

    public VcsimDemoSpec spec() {
        return spec;
    }

    public VcsimLab lab() {
        return lab;
    }

    public BridgeRuntime bridge() {
        return bridge;
    }

    public LocalCluster cluster() {
        return cluster;
    }

    /** HA as the bridge enabled it. */
    public ClusterSummary enabled() {
        return enabled;
    }

    /** Stops the agents, the bridge and vcsim. Idempotent. */
    @Override
    public void close() {
        if (closed.get()) {
            return;
        }
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs (and finds everything stopped)
        }
    }

    private void stopAll() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (cluster != null) {
            List<String> killed = cluster.down(LocalCluster.DOWN_GRACE_MS);
            if (!killed.isEmpty()) {
                say("agents that did not stop within %d s and were killed: %s", LocalCluster.DOWN_GRACE_MS / 1000,
                        String.join(", ", killed));
            }
        }
        if (bridge != null) {
            bridge.close();
        }
        if (lab != null) {
            lab.close();
        }
        if (log != null) {
            log.close();
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw CliException.failed("cannot create " + dir + ": " + e.getMessage());
        }
    }

    private static Path writePassword(Path file, String password) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw CliException.failed("cannot write " + file + ": " + e.getMessage());
        }
    }

    static String seconds(long sinceNanos) {
        return String.format("%.1f s", (System.nanoTime() - sinceNanos) / 1e9);
    }

    private void say(String format, Object... args) {
        out.println(String.format(format, args));
        out.flush();
    }
}
