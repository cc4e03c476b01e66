package io.openfdm.master.restart;

import io.openfdm.core.config.ReadyCondition;
import io.openfdm.core.config.RestartPolicy;
import io.openfdm.core.model.RestartClass;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.master.restart.RestartOrder.Member;
import io.openfdm.master.restart.RestartOrder.Stage;
import io.openfdm.master.restart.RestartOrder.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RestartRankTest {
    private static final long NOW = 100_000;

    @Test
    void agentVmsThenFtSecondariesThenTheOthersEachByPriority() {
        int agentLowest = RestartRank.of(RestartClass.AGENT_VM, RestartPriority.LOWEST);
        int ftLowest = RestartRank.of(RestartClass.FT_SECONDARY, RestartPriority.LOWEST);
        int ftHighest = RestartRank.of(RestartClass.FT_SECONDARY, RestartPriority.HIGHEST);
        int highest = RestartRank.of(RestartClass.ORDINARY, RestartPriority.HIGHEST);
        assertThat(agentLowest).isGreaterThan(ftHighest);
        assertThat(ftLowest).isGreaterThan(highest);
        assertThat(RestartRank.of(RestartClass.AGENT_VM, RestartPriority.HIGH)).isGreaterThan(agentLowest);
        for (RestartPriority p : RestartPriority.values()) {
            assertThat(RestartRank.of(RestartClass.ORDINARY, p)).as("ordinary VMs keep their priority's rank").isEqualTo(p.rank());
        }
        assertThat(RestartRank.of(RestartClass.AGENT_VM, RestartPriority.DISABLED))
                .as("disabled is only registered: no place in the power-on order").isZero();
    }

    @Test
    void describeNamesTheClassOnlyWhenThereIsOne() {
        assertThat(RestartRank.describe(RestartRank.of(RestartClass.ORDINARY, RestartPriority.HIGHEST))).isEqualTo("priority highest");
        assertThat(RestartRank.describe(RestartRank.of(RestartClass.FT_SECONDARY, RestartPriority.LOW)))
                .isEqualTo("FT secondary, priority low");
        assertThat(RestartRank.describe(RestartRank.of(RestartClass.AGENT_VM, RestartPriority.LOWEST)))
                .isEqualTo("agent VM, priority lowest");
    }

    @Test
    void aHighestPriorityVmWaitsForAnAgentVmOfLowestPriorityToBeReady() {
        RestartOrder order = new RestartOrder(new RestartPolicy(List.of(0L), ReadyCondition.POWERED_ON, 5000, 60_000,
                List.of(), List.of(), List.of()));
        VmId agent = VmId.of("vm-9");
        VmId db = VmId.of("vm-1");
        int agentRank = RestartRank.of(RestartClass.AGENT_VM, RestartPriority.LOWEST);
        int dbRank = RestartRank.of(RestartClass.ORDINARY, RestartPriority.HIGHEST);
        Verdict starting = order.round(List.of(new Member(agent, agentRank, Stage.STARTING, NOW - 1000)), vm -> Optional.empty(), NOW)
                .verdict(db, dbRank, -1);
        assertThat(starting).isEqualTo(new Verdict.Hold("vm-9 (agent VM, priority lowest) to be ready (powered on)"));
        Verdict inDelay = order.round(List.of(new Member(agent, agentRank, Stage.READY, NOW - 4999)), vm -> Optional.empty(), NOW)
                .verdict(db, dbRank, -1);
        assertThat(inDelay).as("the post-ready delay applies between the groups").isInstanceOf(Verdict.Hold.class);
        Verdict after = order.round(List.of(new Member(agent, agentRank, Stage.READY, NOW - 5000)), vm -> Optional.empty(), NOW)
                .verdict(db, dbRank, -1);
        assertThat(after).isEqualTo(new Verdict.Go());
        // The other way round: the agent VM is never held by the ordinary VM.
        assertThat(order.round(List.of(new Member(db, dbRank, Stage.WAITING, 0)), vm -> Optional.empty(), NOW)
                .verdict(agent, agentRank, -1)).isEqualTo(new Verdict.Go());
    }
}
