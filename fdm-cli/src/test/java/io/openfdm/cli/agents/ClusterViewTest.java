package io.openfdm.cli.agents;

import io.openfdm.cli.CliException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.openfdm.cli.agents.FakeAgentLink.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterViewTest {
    @Test
    void prefersTheMastersView() {
        var s1 = new FakeAgentLink("host-1", status("host-1", "slave", "host-3"));
        var s3 = new FakeAgentLink("host-3", status("host-3", "master", "host-3"));

        ClusterView view = ClusterView.poll(new AgentTargets(List.of(s1, s3), Map.of(), false));

        assertThat(view.requirePreferred().status().host()).isEqualTo("host-3");
    }

    @Test
    void withTwoMastersPrefersTheOneMostAgentsName() {
        var a = new FakeAgentLink("host-1", status("host-1", "master", "host-1"));
        var b = new FakeAgentLink("host-2", status("host-2", "master", "host-2"));
        var c = new FakeAgentLink("host-3", status("host-3", "slave", "host-2"));

        ClusterView view = ClusterView.poll(new AgentTargets(List.of(a, b, c), Map.of(), false));

        assertThat(view.requirePreferred().status().host()).isEqualTo("host-2");
    }

    @Test
    void withoutMasterFallsBackToTheFirstAnswerAndRecordsWhoFailed() {
        var a = new FakeAgentLink("host-1", status("host-1", "election", ""));
        a.down = true;
        var b = new FakeAgentLink("host-2", status("host-2", "election", ""));

        ClusterView view = ClusterView.poll(new AgentTargets(List.of(a, b), Map.of("host-3", "killed"), false));

        assertThat(view.requirePreferred().status().host()).isEqualTo("host-2");
        assertThat(view.problems()).containsOnlyKeys("host-3", "host-1");
        assertThat(view.describeProblems()).contains("host-3 (killed)").contains("connection refused");
    }

    @Test
    void nobodyAnsweringFailsWithExitOneAndTheReasons() {
        var a = new FakeAgentLink("host-1", null);
        a.down = true;

        ClusterView view = ClusterView.poll(new AgentTargets(List.of(a), Map.of("host-2", "stopped"), false));

        assertThatThrownBy(view::requirePreferred).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(1);
            assertThat(e.getMessage()).contains("no agent answered").contains("host-2 (stopped)").contains("host-1");
        });
    }
}
