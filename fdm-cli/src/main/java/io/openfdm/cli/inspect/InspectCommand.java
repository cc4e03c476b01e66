package io.openfdm.cli.inspect;

import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.agents.AgentTargets;
import io.openfdm.cli.cluster.CurrentCluster;
import io.openfdm.cli.output.JsonOutput;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * What every inspect command shares: the {@link InspectOptions}, where to print, and how to find
 * the agents to ask.
 */
abstract class InspectCommand {
    @Mixin
    InspectOptions options;

    @Spec
    CommandSpec spec;

    /** Where the current local cluster is recorded; replaced in tests. */
    CurrentCluster current = CurrentCluster.standard();

    AgentTargets targets() {
        return TargetResolver.resolve(options, current);
    }

    /** Asks the targets for their status; fails (exit 1) when nobody answered. */
    ClusterView view() {
        return ClusterView.poll(targets());
    }

    /**
     * The view to print; tells stderr when it is not a master's (no master answered) and which
     * agents did not answer.
     */
    ClusterView.Answer preferredView(ClusterView view) {
        ClusterView.Answer a = view.requirePreferred();
        if (!"master".equals(a.status().role()) && options.agent() == null) {
            err().println("fdm: note: no master answered; showing " + a.status().host()
                    + "'s view (role " + a.status().role() + ")");
        }
        if (!view.problems().isEmpty()) {
            err().println("fdm: note: not answering" + view.describeProblems());
        }
        err().flush();
        return a;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    void printJson(Object value) {
        JsonOutput.print(out(), value);
    }
}
