package io.openfdm.cli.demo;

import io.openfdm.cli.CliException;
import io.openfdm.cli.ExitCodes;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.cluster.AgentLauncher;
import io.openfdm.cli.cluster.CurrentCluster;
import io.openfdm.cli.cluster.LayoutPlan;
import io.openfdm.cli.cluster.LayoutSpec;
import io.openfdm.cli.cluster.LocalCluster;
import io.openfdm.cli.cluster.LocalHost;
import io.openfdm.cli.cluster.MoidOrder;
import io.openfdm.cli.demo.vcsim.VcsimDemoRun;
import io.openfdm.cli.demo.vcsim.VcsimDemoSpec;
import io.openfdm.cli.output.Durations;
import io.openfdm.core.status.VmStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code fdm demo}: the HA story on real processes. Starts a local cluster, waits until every VM
 * is protected, crashes a slave that runs VMs (kill -9) and shows its VMs restarted elsewhere,
 * each exactly once, then crashes the master and shows a new master elected and the old master's
 * VMs restarted too. Each failure gets a timeline in seconds since the crash. The cluster is
 * stopped at the end (files kept) unless {@code --keep}.
 *
 * <p>Exits 1 if any protected VM is not running exactly once on a live host within
 * {@value #RECOVERY_TIMEOUT_MS} ms of a failure.
 *
 * <p>{@code --vcsim} runs the same story against the vSphere API instead ({@link VcsimDemoRun}):
 * vcsim, the bridge, one agent per vcsim host on the vSphere backend, one host failure.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a local cluster, crash a slave and then the master, and show the VMs restarted exactly once.",
                "With --vcsim: on vcsim (a simulated vCenter) through the bridge and the vSphere API; one host fails."})
public final class DemoCommand implements Callable<Integer> {
    /** How long each failure may take to recover, in milliseconds. */
    static final long RECOVERY_TIMEOUT_MS = 60_000;
    /** How long to wait until every VM is protected after startup, in milliseconds. */
    static final long PROTECT_TIMEOUT_MS = 60_000;

    @Option(names = "--dir", paramLabel = "DIR", description = "cluster directory (default: a new temporary directory)")
    Path dir;

    @Option(names = "--hosts", paramLabel = "N", defaultValue = "4", description = "hosts, at least 3 (default ${DEFAULT-VALUE})")
    int hosts;

    @Option(names = "--datastores", paramLabel = "D", defaultValue = "2", description = "datastores (default ${DEFAULT-VALUE})")
    int datastores;

    @Option(names = "--vms", paramLabel = "V", defaultValue = "12", description = "VMs, at least one per host (default ${DEFAULT-VALUE}; 16 with --vcsim)")
    int vms;

    @Option(names = "--timing", paramLabel = "PROFILE", defaultValue = "default",
            description = "timer profile: default or aggressive (default ${DEFAULT-VALUE})")
    String timing;

    @Option(names = "--base-address", paramLabel = "IP", defaultValue = "127.0.0.11", description = "address of host-1 (default ${DEFAULT-VALUE})")
    String baseAddress;

    @Option(names = "--keep", description = "leave the cluster running at the end (with --vcsim: until Ctrl-C)")
    boolean keep;

    @Option(names = "--vcsim", description = "run on vcsim with the bridge and vSphere-backed agents (default layout:"
            + " 4 hosts, 2 datastores, 16 VMs); installs vcsim with deploy/vcsim/install-vcsim.sh if needed")
    boolean vcsim;

    @Option(names = "--vcsim-delay", paramLabel = "MS", defaultValue = "0",
            description = "with --vcsim: a slow vCenter, every vSphere call answered after MS milliseconds (vcsim -delay; default 0)")
    int vcsimDelayMs;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() {
        if (vcsim) {
            return onVcsim();
        }
        if (vcsimDelayMs != 0) {
            throw CliException.usage("--vcsim-delay needs --vcsim");
        }
        if (hosts < 3) {
            throw CliException.usage("--hosts must be at least 3 for the demo (a slave and then the master fail), was " + hosts);
        }
        if (vms < hosts) {
            throw CliException.usage("--vms must be at least --hosts (" + hosts + ") so every host runs a VM, was " + vms);
        }
        out = spec.commandLine().getOut();
        LayoutPlan plan = LayoutPlan.of(demoDir(), new LayoutSpec(hosts, datastores, vms, timing, baseAddress, "demo"),
                new SecureRandom());
        say("fdm demo: %d hosts, %d datastores, %d VMs, %s timing, in %s", hosts, datastores, vms, timing, plan.dir());
        long t0 = System.nanoTime();
        LocalCluster.Started started = LocalCluster.up(plan, AgentLauncher.sameAsThisJvm(), CurrentCluster.standard(),
                LocalCluster.UP_TIMEOUT_MS);
        LocalCluster cluster = started.cluster();
        try {
            say("cluster up in %s, master %s", Durations.human((System.nanoTime() - t0) / 1_000_000),
                    started.view().requirePreferred().status().host());
            ClusterView ready = Protection.await(cluster, vms, PROTECT_TIMEOUT_MS);
            say("all %d VMs protected", vms);
            ClusterView.Answer master = ready.requirePreferred();
            String slave = pickSlave(master.status().vms(), master.status().host());
            boolean ok = failure(cluster, "1. host failure", slave, ready, false);
            ClusterView afterFirst = cluster.poll();
            String currentMaster = afterFirst.requirePreferred().status().host();
            ok &= failure(cluster, "2. master failure", currentMaster, afterFirst, true);
            if (!ok) {
                throw CliException.failed("a protected VM was not running exactly once within "
                        + RECOVERY_TIMEOUT_MS / 1000 + " s of a failure (see above); logs in " + plan.dir() + "/hosts/*/agent.log");
            }
            say("");
            say("every protected VM came back exactly once.");
            return ExitCodes.OK;
        } finally {
            if (keep) {
                say("cluster left running (--keep); stop it with: fdm cluster down --dir %s", plan.dir());
            } else {
                cluster.down(LocalCluster.DOWN_GRACE_MS);
                say("cluster stopped; files and logs kept in %s", plan.dir());
            }
        }
    }

    private boolean failure(LocalCluster cluster, String title, String victim, ClusterView before, boolean isMaster) {
        Placement placement = Placement.of(before);
        Set<String> expected = protectedRunning(before);
        Set<String> victims = expected.stream().filter(vm -> placement.hostsOf(vm).contains(victim))
                .collect(Collectors.toCollection(() -> new TreeSet<>(MoidOrder.NATURAL)));
        say("");
        say("%s: kill -9 %s (%s, running %s)", title, victim, isMaster ? "the master" : "a slave",
                victims.isEmpty() ? "no VMs" : String.join(", ", victims));
        LocalHost host = cluster.dir().host(victim);
        long failedAtMs = System.currentTimeMillis();
        cluster.processes().kill9(host)
                .orElseThrow(() -> CliException.failed(victim + " was not running"));
        FailoverWatch.Result r = FailoverWatch.watch(cluster, victim, expected, victims, failedAtMs, isMaster,
                RECOVERY_TIMEOUT_MS);
        out.print(r.timeline().render());
        if (r.recovered()) {
            say("  -> %s; %d VMs of %s running again, each exactly once, after %s",
                    isMaster ? "new master " + r.master().orElse("?") : "master " + r.master().orElse("?"),
                    victims.size(), victim, Durations.human(r.recoveryMs()));
        } else {
            say("  -> NOT recovered after %s:", Durations.human(r.recoveryMs()));
            r.problems().forEach(p -> say("     %s", p));
        }
        return r.recovered();
    }

    private int onVcsim() {
        var parsed = spec.commandLine().getParseResult();
        int vcsimVms = parsed.hasMatchedOption("--vms") ? vms : VcsimDemoSpec.DEFAULT_VMS;
        VcsimDemoSpec checked = new VcsimDemoSpec(dir, hosts, datastores, vcsimVms, timing, baseAddress,
                io.openfdm.bridge.config.AgentAddress.DEFAULT_PORT, VcsimDemoSpec.DEFAULT_PROTECT_TIMEOUT_MS,
                VcsimDemoSpec.DEFAULT_RECOVERY_TIMEOUT_MS, vcsimDelayMs).validate();
        Path demo = dir != null ? dir : tempDir("fdm-vcsim-demo-");
        return VcsimDemoRun.run(checked.withDir(demo.toAbsolutePath()), keep, spec.commandLine().getOut());
    }

    /** The slave running the most protected VMs (lowest MOID on a tie). */
    public static String pickSlave(List<VmStatus> masterView, String master) {
        Map<String, Long> counts = masterView.stream()
                .filter(v -> v.protectedByHa() && Placement.POWERED_ON.equals(v.power()) && !master.equals(v.host()))
                .collect(Collectors.groupingBy(VmStatus::host, Collectors.counting()));
        return counts.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, MoidOrder.NATURAL.reversed()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> CliException.failed("no slave runs a protected VM; nothing to fail over"));
    }

    /** VMs the master lists as protected and powered on. */
    private static Set<String> protectedRunning(ClusterView view) {
        return view.requirePreferred().status().vms().stream()
                .filter(v -> v.protectedByHa() && Placement.POWERED_ON.equals(v.power()))
                .map(VmStatus::vm).collect(Collectors.toCollection(() -> new TreeSet<>(MoidOrder.NATURAL)));
    }

    private Path demoDir() {
        if (dir != null) {
            return dir;
        }
        return tempDir("fdm-demo-");
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw CliException.failed("cannot create a temporary directory: " + e.getMessage());
        }
    }

    private void say(String format, Object... args) {
        out.println(String.format(format, args));
        out.flush();
    }
}
