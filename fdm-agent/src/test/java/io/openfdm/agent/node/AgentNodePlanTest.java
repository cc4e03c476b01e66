package io.openfdm.agent.node;

import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.status.RestartPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plan and the capacity through AgentNode, and a real failure that goes where the plan said. */
class AgentNodePlanTest {
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");
    private static final HostId H3 = HostId.of("host-3");

    @TempDir
    Path dir;

    @Test
    void theMasterPlansAndTheRealFailureFollowsThePlan() throws Exception {
        LoopbackCluster c = new LoopbackCluster(dir, 3, 2, Timing.defaults());
        c.createVm("vm-1", "ds-1", "host-1", RestartPriority.HIGH);
        c.createVm("vm-2", "ds-2", "host-2", RestartPriority.MEDIUM);
        c.createVm("vm-3", "ds-1", "host-2", RestartPriority.LOW);
        c.createVm("vm-4", "ds-1", "host-2", RestartPriority.HIGHEST);
        for (int h = 1; h <= 3; h++) {
            c.boot(HostId.of("host-" + h));
        }
        c.hypervisors.get(H1).powerOn(VmId.of("vm-1"));
        for (String vm : List.of("vm-2", "vm-3", "vm-4")) {
            c.hypervisors.get(H2).powerOn(VmId.of(vm));
        }
        c.run(3_000);
        AgentNode master = c.nodes.get(H3);
        assertThat(master.status(c.now).capacity()).as(c.timeline()).isNotNull()
                .satisfies(cap -> assertThat(cap.protectedVms()).isEqualTo(4));
        assertThat(c.nodes.get(H1).status(c.now).capacity()).as("a slave computes no capacity").isNull();
        assertThatThrownBy(() -> c.nodes.get(H1).plan(List.of(H2), c.now)).isInstanceOf(IllegalStateException.class)
                .hasMessage("host-1 is not the master; ask the master host-3");

        RestartPlan plan = master.plan(List.of(H2), c.now);
        assertThat(plan.steps()).extracting(RestartPlan.Step::vm).containsExactly("vm-4", "vm-2", "vm-3");
        assertThat(plan.steps()).allSatisfy(s -> assertThat(s.target()).isIn("host-1", "host-3"));

        c.crash(H2);
        c.run(6_000);
        for (RestartPlan.Step s : plan.steps()) {
            assertThat(c.runningOn(s.vm())).as(s.vm() + "\n" + c.timeline()).containsExactly(HostId.of(s.target()));
        }
    }
}
