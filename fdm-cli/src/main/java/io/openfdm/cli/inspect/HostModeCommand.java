package io.openfdm.cli.inspect;

import io.openfdm.agent.admin.HostModeAnswer;
import io.openfdm.cli.CliException;
import io.openfdm.cli.ExitCodes;
import io.openfdm.cli.agents.AgentCallException;
import io.openfdm.cli.agents.AgentLink;
import io.openfdm.cli.agents.AgentTargets;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.cluster.CurrentCluster;
import io.openfdm.cli.output.JsonOutput;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Enters or exits one administrative mode on one host. The request goes to the admin endpoint of
 * the host's own agent ({@code POST /host/<mode>/<enter|exit>}): {@code --agent} if given (its
 * answer must name the host), otherwise the answering agent whose status names the host. The agent
 * keeps the mode in its local store (it survives restarts) and tells the master in its heartbeats.
 *
 * <p>Exit status 0 when the host is in the asked mode afterwards (also when it already was), 1
 * when the agent cannot be reached or refuses (the host is in the other mode), 2 for bad usage.
 */
abstract class HostModeCommand implements Callable<Integer> {
    @Mixin
    InspectOptions options;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "enter|exit", description = "enter or exit the mode")
    String action;

    @Parameters(index = "1", paramLabel = "MOID", description = "the host's MOID, e.g. host-3")
    String host;

    /** Where the current local cluster is recorded; replaced in tests. */
    CurrentCluster current = CurrentCluster.standard();

    /** {@code maintenance} or {@code standby}: the admin API's name of the mode. */
    abstract String mode();

    @Override
    public Integer call() {
        boolean enter = switch (action) {
            case "enter" -> true;
            case "exit" -> false;
            default -> throw CliException.usage("expected 'enter' or 'exit', not '" + action + "'");
        };
        AgentLink link = agentOf(host, ClusterView.poll(targets()));
        HostModeAnswer answer;
        try {
            answer = link.changeHostMode(mode(), enter);
        } catch (AgentCallException e) {
            throw CliException.failed(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json()) {
            JsonOutput.print(out, answer);
            return ExitCodes.OK;
        }
        out.println(describe(answer, mode(), enter));
        out.flush();
        return ExitCodes.OK;
    }

    AgentTargets targets() {
        return TargetResolver.resolve(options, current);
    }

    /**
     * The agent of {@code host}: the answering agent whose status names it.
     *
     * @throws CliException (failed) when no answering agent is that host
     */
    static AgentLink agentOf(String host, ClusterView view) {
        return view.answers().stream().filter(a -> a.status().host().equals(host)).map(ClusterView.Answer::link)
                .findFirst().orElseThrow(() -> CliException.failed("no answering agent is " + host
                        + (view.answers().isEmpty() ? "" : " (answered: " + String.join(", ",
                        view.answers().stream().map(a -> a.status().host()).toList()) + ")")
                        + view.describeProblems()));
    }

    /** One line for a person: {@code host-3 entered maintenance mode}, {@code host-3 was already ...}. */
    static String describe(HostModeAnswer answer, String mode, boolean enter) {
        if (enter) {
            return answer.host() + (answer.changed() ? " entered " : " was already in ") + mode + " mode";
        }
        return answer.host() + (answer.changed() ? " left " + mode + " mode" : " was not in " + mode + " mode")
                + " (now " + answer.mode() + ")";
    }
}
