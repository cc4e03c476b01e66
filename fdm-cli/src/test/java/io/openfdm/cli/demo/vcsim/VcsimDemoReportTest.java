package io.openfdm.cli.demo.vcsim;

import io.openfdm.cli.CliException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code fdm demo --vcsim} prints after the failure, and its exit status. */
class VcsimDemoReportTest {
    static final VmRow A = ExactlyOnceTest.vm("vm-1", "a", "host-1", "poweredOn");
    static final VmRow B = ExactlyOnceTest.vm("vm-2", "b", "host-1", "poweredOn");
    static final VmRow C = ExactlyOnceTest.vm("vm-3", "c", "host-2", "poweredOn");

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text, true);

    @Test
    void eachVmOfTheFailedHostWithItsOldAndNewHostAndSeconds() {
        VmRow aNow = ExactlyOnceTest.vm("vm-1", "a", "host-2", "poweredOn");
        VmRow bNow = ExactlyOnceTest.vm("vm-2", "b", "host-3", "poweredOn");
        List<VmRow> now = List.of(aNow, bNow, C);
        RestartWatch.Outcome outcome = new RestartWatch.Outcome(List.of(
                new RestartWatch.Restart(A, Optional.of(aNow), 2_640), new RestartWatch.Restart(B, Optional.of(bNow), 12_050)),
                now, ExactlyOnce.problems(List.of(A, B, C), now, Set.of("host-1")), 13_100);

        VcsimDemoRun.report(out, h -> "H" + h.substring(5), outcome, 3, Path.of("/d"));

        assertThat(text.toString()).isEqualTo("""
                VM    NAME  OLD HOST   NEW HOST   SECONDS
                vm-1  a     host-1 H1  host-2 H2      2.6
                vm-2  b     host-1 H1  host-3 H3     12.1

                read back through the vSphere API (runtime.host and runtime.powerState of all 3 VMs, 13.1 s after the failure):
                every one of the 3 protected VMs runs exactly once; none is registered twice.
                """);
    }

    @Test
    void aVmNotRunningExactlyOnceIsListedAndExits1() {
        VmRow aOff = ExactlyOnceTest.vm("vm-1", "a", "host-1", "poweredOff");
        VmRow bNow = ExactlyOnceTest.vm("vm-2", "b", "host-3", "poweredOn");
        List<VmRow> now = List.of(aOff, bNow, C);
        RestartWatch.Outcome outcome = new RestartWatch.Outcome(List.of(
                new RestartWatch.Restart(A, Optional.empty(), -1), new RestartWatch.Restart(B, Optional.of(bNow), 2_000)),
                now, ExactlyOnce.problems(List.of(A, B, C), now, Set.of("host-1")), 61_000);

        assertThatThrownBy(() -> VcsimDemoRun.report(out, h -> h, outcome, 3, Path.of("/d")))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(1);
                    assertThat(e.getMessage()).startsWith("1 problem(s): a protected VM is not running exactly once");
                });
        assertThat(text.toString()).contains("vm-1  a     host-1 host-1  not restarted        -")
                .contains("  vm-1 (a): not running (vm-1 poweredOff on host-1)")
                .doesNotContain("every one of");
    }
}
