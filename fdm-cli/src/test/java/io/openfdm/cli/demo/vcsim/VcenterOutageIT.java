package io.openfdm.cli.demo.vcsim;

import io.openfdm.vsphere.VcsimFixture;
import io.openfdm.cli.CliRun;
import io.openfdm.cli.agents.AgentCallException;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.DatastoreStatus;
import io.openfdm.core.status.VmStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * vCenter lost mid-run, with real agent processes and the bridge (the "vCenter unreachable
 * mid-run" at the level of the whole system; the agent's and the bridge's own reconnects are tested
 * in fdm-agent's VsphereAgentOutageTest and vcenter-bridge's BridgeRuntimeTest).
 *
 * <p>vcsim is killed with SIGKILL once every VM is protected. The cluster's own state does not
 * depend on vCenter: the master keeps its role and both datastore leases, every VM stays protected
 * and every agent keeps answering; the bridge reports vCenter disconnected. A host that fails during
 * the outage is declared dead, and the power-ons of its VMs, which the agents can only do through
 * vCenter, fail, are retried with backoff and end as {@code not restarted after 5 attempts} in
 * {@code fdm events}. (vcsim comes back with a fresh inventory and new datastore directories, so a
 * restart of it would test vcsim, not recovery; it is not restarted here.)
 */
@Tag("processes")
class VcenterOutageIT {
    @TempDir
    Path tmp;

    @Test
    void withVcenterGoneTheClusterKeepsProtectingAndAFailedHostsRestartsAreRetriedThenReported() throws Exception {
        Path binary = VcsimFixture.binary();
        VcsimDemoSpec spec = new VcsimDemoSpec(tmp.resolve("demo"), 4, 2, 8, "aggressive", "127.0.8.31", 8182, 60_000, 30_000, 0)
                .validate();
        StringWriter log = new StringWriter();
        try (VcsimDemo demo = VcsimDemo.start(spec, binary, new PrintWriter(log, true))) {
            ClusterView ready = demo.awaitProtected();
            String master = ready.requirePreferred().status().host();
            String victim = demo.pickSlave(ready);
            List<String> victimVms = ready.requirePreferred().status().vms().stream()
                    .filter(v -> v.host().equals(victim)).map(VmStatus::vm).toList();
            assertThat(victimVms).hasSize(2);

            ProcessHandle vcsim = ProcessHandle.of(demo.lab().vcsim().pid()).orElseThrow();
            vcsim.destroyForcibly();
            vcsim.onExit().get();
            io.openfdm.cli.bridge.BridgeClient api = BridgeClients.of(demo.bridge().webAddress());
            await("the bridge reports vCenter disconnected").atMost(Duration.ofSeconds(10))
                    .until(() -> !api.status(demo.lab().clusterMoid()).vcenterConnected());

            // 3 s without vCenter: same master, both leases held, every VM protected, every agent answering
            long until = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < until) {
                ClusterView view = demo.cluster().poll();
                assertThat(view.answers()).as(view.describeProblems()).hasSize(4);
                assertThat(view.answers()).allSatisfy(a -> assertThat(a.status().master()).isEqualTo(master));
                AgentStatus m = view.requirePreferred().status();
                assertThat(m.host()).isEqualTo(master);
                assertThat(m.role()).isEqualTo("master");
                assertThat(m.datastores()).hasSize(2).allSatisfy(d -> assertThat(d.heldByThisHost()).as(d.name()).isTrue());
                assertThat(m.vms()).filteredOn(VmStatus::protectedByHa).hasSize(8);
                Thread.sleep(250);
            }

            // A host fails while vCenter is away: its VMs' power-ons are retried, then given up and reported.
            demo.cluster().processes().kill9(demo.cluster().dir().host(victim)).orElseThrow();
            String clusterDir = spec.dir().resolve("bridge/agents").resolve(demo.lab().clusterMoid()).toString();
            try {
                await("the restarts given up").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    String events = CliRun.of("events", "--limit", "1000", "--dir", clusterDir).out();
                    return victimVms.stream().allMatch(vm -> events.contains(vm + " not restarted after 5 attempts"));
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("restarts not given up; events:\n"
                        + CliRun.of("events", "--limit", "1000", "--dir", clusterDir).out(), e);
            }
            CliRun events = CliRun.of("events", "--limit", "1000", "--dir", clusterDir);
            assertThat(events.out()).contains(victim + " declared dead");
            for (String vm : victimVms) {
                assertThat(events.out()).containsPattern(Pattern.quote(vm) + " power-on on host-\\d+ failed \\(attempt 1\\): .*"
                        + "unreachable.*\\[UNREACHABLE\\]; retry in 0\\.5 s");
                assertThat(events.out()).containsPattern(Pattern.quote(vm) + " not restarted after 5 attempts: .*\\[UNREACHABLE\\]");
            }
            AgentStatus after = demo.cluster().poll().requirePreferred().status();
            assertThat(after.host()).isEqualTo(master);
            assertThat(after.datastores()).allMatch(DatastoreStatus::heldByThisHost);
        } catch (AgentCallException e) {
            throw new AssertionError(log.toString(), e);
        }
    }
}
