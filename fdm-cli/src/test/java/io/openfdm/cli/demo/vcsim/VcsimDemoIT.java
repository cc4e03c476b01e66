package io.openfdm.cli.demo.vcsim;

import io.openfdm.vsphere.VcsimFixture;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.cli.CliRun;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.VsphereClient;
import io.openfdm.vsphere.property.ObjectProperties;
import io.openfdm.vsphere.property.PropertyQuery;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The vcsim demo's path end to end on real processes: vcsim (1 cluster, 4 hosts, 2 datastores,
 * 16 VMs), the bridge with HA enabled through its JSON API, four agent processes on the vSphere
 * backend, a host failure (kill -9 of its agent, its VMs powered off in vcsim), and the master
 * restarting the failed host's VMs on the other hosts, checked through the vSphere API with the
 * test's own session. Fails when vcsim is not installed, unless {@code -Dfdm.vcsim.optional=true}.
 * Agents on 127.0.6.11-14 and 127.0.6.21-24 (this helper's range), so the run does not collide
 * with a local {@code fdm demo} on 127.0.0.11-14.
 */
@Tag("processes")
class VcsimDemoIT {
    /** Every VM's identity, host and power state, read independently of the demo's own code. */
    static final PropertyQuery VMS = PropertyQuery.of("VirtualMachine", "name", "config.files.vmPathName", "runtime.host",
            "runtime.powerState");

    @TempDir
    Path tmp;

    @Test
    void theFailedHostsVmsRunExactlyOnceOnOtherHostsAsVcenterReportsThem() {
        Path binary = VcsimFixture.binary();
        VcsimDemoSpec spec = new VcsimDemoSpec(tmp.resolve("demo"), 4, 2, 16, "default", "127.0.6.11", 8182, 60_000, 30_000, 0)
                .validate();
        StringWriter log = new StringWriter();
        try (VcsimDemo demo = VcsimDemo.start(spec, binary, new PrintWriter(log, true))) {
            ClusterView ready = demo.awaitProtected();
            // vcsim's datastores, where the agents keep .vSphere-HA/, are under the demo's directory too
            Path clusterDir = spec.dir().resolve("bridge/agents").resolve(demo.lab().clusterMoid());
            assertThat(ClusterConfigFiles.read(clusterDir.resolve("cluster.json")).datastores()).hasSize(2)
                    .allSatisfy(d -> assertThat(d.path()).startsWith(spec.dir().resolve("vcsim").toString()));
            List<VmRow> protectedVms = demo.protectedVms(ready);
            assertThat(protectedVms).hasSize(16);
            assertThat(protectedVms.stream().collect(Collectors.groupingBy(VmRow::host, Collectors.counting())))
                    .as("4 VMs on each host").hasSize(4).allSatisfy((host, n) -> assertThat(n).isEqualTo(4L));
            String master = ready.requirePreferred().status().host();
            String victim = demo.pickSlave(ready);
            assertThat(victim).isNotEqualTo(master);

            HostFailure failure = demo.failHost(victim, false);
            assertThat(failure.vms()).hasSize(4);
            RestartWatch.Outcome outcome = demo.awaitRestarts(failure, protectedVms);
            assertThat(outcome.problems()).as(log.toString()).isEmpty();
            assertThat(outcome.restarts()).allSatisfy(r -> assertThat(r.after()).isPresent());

            // The test's own vSphere session: every VM of the failed host is registered once and
            // powered on once, on another member host; all 16 run, each .vmx registered once.
            try (VsphereClient vc = VsphereClient.connect(demo.lab().endpoint())) {
                List<ObjectProperties> vms = vc.inventory().readAll(VMS);
                Map<String, List<ObjectProperties>> byVmx = vms.stream()
                        .collect(Collectors.groupingBy(o -> o.string("config.files.vmPathName").orElseThrow()));
                assertThat(byVmx).hasSize(16).allSatisfy((vmx, copies) -> assertThat(copies).as(vmx).hasSize(1));
                assertThat(vms).allSatisfy(o -> assertThat(o.string("runtime.powerState")).as(o.ref().value())
                        .contains("poweredOn"));
                Set<MoRef> survivors = demo.lab().hosts().stream().filter(h -> !h.equals(victim)).map(MoRef::host)
                        .collect(Collectors.toSet());
                for (VmRow before : failure.vms()) {
                    ObjectProperties now = byVmx.get(before.vmxPath()).get(0);
                    assertThat(now.moRef("runtime.host")).as(before.name()).hasValueSatisfying(h -> assertThat(survivors).contains(h));
                }
            }

            // What `fdm events` prints from the master's journal: each restart, with its host.
            CliRun events = CliRun.of("events", "--limit", "500", "--dir", clusterDir.toString());
            assertThat(events.exitCode()).as(events.err()).isZero();
            for (RestartWatch.Restart r : outcome.restarts()) {
                assertThat(events.out()).containsPattern(Pattern.quote(r.before().moid()) + " running on "
                        + Pattern.quote(r.after().orElseThrow().host()));
            }
        }
    }

    /**
     * The command itself, against a slow vCenter (every vSphere call answered after 200 ms, vcsim
     * {@code -delay}): the story still ends with every VM exactly once, and the command leaves no
     * bridge or vcsim thread behind in its JVM.
     */
    @Test
    void fdmDemoVcsimOnASlowVcenterPrintsEachVmsOldAndNewHostExitsZeroAndLeavesNoThreads() {
        VcsimFixture.binary();
        CliRun run = CliRun.of("demo", "--vcsim", "--timing", "aggressive", "--vcsim-delay", "200",
                "--base-address", "127.0.6.21", "--dir", tmp.resolve("cli").toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        await("the bridge's and vcsim's threads gone").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Thread.getAllStackTraces().keySet()).filteredOn(Thread::isAlive).extracting(Thread::getName)
                        .noneMatch(n -> n.startsWith("bridge-") || n.startsWith("vcsim-")));
        assertThat(run.out()).contains("every vSphere call answered after 200 ms")
                .contains("4 hosts, 2 datastores, 16 VMs")
                .contains("every one of the 16 protected VMs runs exactly once; none is registered twice.")
                .contains("agents, bridge and vcsim stopped");
        // VM  NAME  OLD HOST (moid name)  NEW HOST (moid name)  SECONDS
        Matcher row = Pattern.compile("(?m)^(vm-\\d+)\\s+(\\S+)\\s+(host-\\d+) \\S+\\s+(host-\\d+) \\S+\\s+(\\d+\\.\\d)$")
                .matcher(run.out());
        int rows = 0;
        while (row.find()) {
            rows++;
            assertThat(row.group(4)).as(row.group()).isNotEqualTo(row.group(3));
            assertThat(Double.parseDouble(row.group(5))).as(row.group()).isPositive().isLessThan(60.0);
        }
        assertThat(rows).as(run.out()).isEqualTo(4);
        assertThat(run.out()).contains("agent of host-");
    }

    /**
     * {@code fdm demo --vcsim --keep} as its own process: after the verdict everything stays up
     * until the process is told to stop (SIGTERM here, as Ctrl-C's SIGINT runs the same shutdown
     * hook); then vcsim and every agent process are gone.
     */
    @Test
    void keepLeavesEverythingRunningUntilTheProcessIsStoppedThenNothingIsLeft() throws Exception {
        VcsimFixture.binary();
        Path dir = tmp.resolve("keep");
        Path output = tmp.resolve("keep.out");
        Process fdm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.openfdm.cli.Fdm", "demo", "--vcsim", "--keep",
                "--timing", "aggressive", "--vms", "4", "--base-address", "127.0.6.61", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            await("the demo's verdict").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.readString(output).contains("left running (--keep)") || !fdm.isAlive());
            String text = Files.readString(output);
            assertThat(text).contains("every one of the 4 protected VMs runs exactly once");
            Matcher vcsimPid = Pattern.compile("vcsim at \\S+ \\(pid (\\d+)\\)").matcher(text);
            assertThat(vcsimPid.find()).as(text).isTrue();
            ProcessHandle vcsim = ProcessHandle.of(Long.parseLong(vcsimPid.group(1))).orElseThrow();
            List<ProcessHandle> agents;
            try (Stream<Path> pids = Files.find(dir.resolve("bridge/agents"), 4, (p, a) -> p.getFileName().toString().equals("pid"))) {
                agents = pids.map(p -> ProcessHandle.of(Long.parseLong(readString(p).strip()))).flatMap(Optional::stream)
                        .toList();
            }
            assertThat(agents).as("three agents alive (the failed host's was killed)").hasSize(3).allMatch(ProcessHandle::isAlive);
            Thread.sleep(1_000);
            assertThat(fdm.isAlive()).as("still running after the verdict").isTrue();

            fdm.destroy();
            assertThat(fdm.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(vcsim.isAlive()).isFalse();
            await("every agent stopped").atMost(Duration.ofSeconds(5)).until(() -> agents.stream().noneMatch(ProcessHandle::isAlive));
            assertThat(Files.readString(output)).contains("interrupted; stopping the agents, the bridge and vcsim");
            try (Stream<Path> left = Files.list(dir.resolve("vcsim"))) {
                assertThat(left).as("vcsim removed its datastore directories").isEmpty();
            }
        } finally {
            fdm.destroyForcibly();
        }
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
