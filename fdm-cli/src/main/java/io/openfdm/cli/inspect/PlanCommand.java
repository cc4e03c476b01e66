package io.openfdm.cli.inspect;

import io.openfdm.agent.admin.AdminClientException;
import io.openfdm.cli.CliException;
import io.openfdm.cli.ExitCodes;
import io.openfdm.cli.agents.AgentCallException;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.output.Table;
import io.openfdm.core.status.RestartPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code fdm plan --fail host-3[,host-5]}: asks the master where each protected VM of those hosts
 * would restart if they failed now, in which order, and what it could not place and why. The
 * master computes it with the placement code and restart order of a real failure and changes
 * nothing. Exit 0 with the plan (placed or not), 1 when no master answered or it refused, 2 for a
 * host that is not a member.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Where the protected VMs of failed hosts would restart, in which order, and what cannot be placed.")
public final class PlanCommand extends InspectCommand implements Callable<Integer> {
    @Option(names = "--fail", required = true, split = ",", paramLabel = "HOST",
            description = "hosts to assume failed, by MOID (comma-separated or repeated)")
    List<String> fail;

    @Override
    public Integer call() {
        RestartPlan plan = ask(preferredView(view()), fail);
        if (options.json()) {
            printJson(plan);
            return ExitCodes.OK;
        }
        print(plan, out());
        return ExitCodes.OK;
    }

    /**
     * Asks the answer's agent for the plan; it must be the master.
     *
     * @throws CliException (failed) when it is not the master or refuses
     */
    static RestartPlan ask(ClusterView.Answer answer, List<String> failed) {
        if (!"master".equals(answer.status().role())) {
            throw CliException.failed("no master answered (" + answer.status().host() + " is " + answer.status().role()
                    + "): only the master can plan a failure");
        }
        try {
            return answer.link().plan(failed);
        } catch (AgentCallException e) {
            if (e.getCause() instanceof AdminClientException a && a.status() == 400) {
                throw CliException.usage(a.getMessage()); // an unknown host: the user's input
            }
            throw CliException.failed(e.getMessage());
        }
    }

    /** The plan as text: a summary line, the notes, the steps table and the capacity afterwards. */
    static void print(RestartPlan plan, PrintWriter out) {
        long placed = plan.steps().stream().filter(s -> !s.target().isEmpty()).count();
        long unplaced = plan.steps().size() - placed;
        out.println("if " + String.join(", ", plan.failedHosts()) + (plan.failedHosts().size() == 1 ? " fails" : " fail")
                + " now, master " + plan.master() + " restarts " + placed + " of " + plan.steps().size() + " protected VM"
                + (plan.steps().size() == 1 ? "" : "s") + (unplaced == 0 ? "" : "; " + unplaced + " cannot be placed"));
        for (String note : plan.notes()) {
            out.println("note: " + note);
        }
        out.println();
        table(plan).print(out);
        if (plan.capacityAfter() != null) {
            var c = plan.capacityAfter();
            out.println();
            out.println("afterwards: " + c.policy() + " " + (c.sufficient() ? "tolerates " + c.failuresTolerated() + " of "
                    + c.failuresToTolerate() + " host failure" + (c.failuresToTolerate() == 1 ? "" : "s")
                    : "insufficient, " + c.reason()));
        }
        out.flush();
    }

    /**
     * One row per VM, in restart order. A CLASS column ({@code agentVm}, {@code ftSecondary},
     * {@code ordinary}) appears when some VM is an agent VM or an FT secondary: they restart before
     * the others whatever their priority.
     */
    static Table table(RestartPlan plan) {
        boolean classes = plan.steps().stream().anyMatch(s -> !"ordinary".equals(s.restartClass()));
        List<String> headers = new java.util.ArrayList<>(List.of("ORDER", "WAVE", "VM", "NAME", "PRIORITY", "FROM", "DATASTORE",
                "CPU MHZ", "MEMORY MB", "ACTION", "TARGET", "REASON"));
        if (classes) {
            headers.add(5, "CLASS");
        }
        Table t = new Table(headers.toArray(String[]::new)).rightAligned("ORDER", "WAVE", "CPU MHZ", "MEMORY MB")
                .emptyText("(no protected VMs on these hosts)");
        for (RestartPlan.Step s : plan.steps()) {
            List<Object> cells = new java.util.ArrayList<>(List.of(s.order(), s.wave() == 0 ? "-" : s.wave(), s.vm(), s.name(),
                    s.priority(), s.from(), s.datastore(), s.cpuMhz(), s.memoryMb(), s.action(),
                    s.target().isEmpty() ? "-" : s.target(), s.reason()));
            if (classes) {
                cells.add(5, s.restartClass());
            }
            t.row(cells.toArray());
        }
        return t;
    }
}
