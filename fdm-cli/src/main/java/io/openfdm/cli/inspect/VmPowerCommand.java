package io.openfdm.cli.inspect;

import io.openfdm.cli.agents.AgentLink;
import io.openfdm.cli.agents.AgentCallException;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.CliException;
import io.openfdm.cli.ExitCodes;
import io.openfdm.core.status.VmStatus;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A user power operation. The request goes to the admin endpoint of the VM's host: {@code --agent}
 * if given, otherwise the agent that reports the VM as its own, otherwise the host the master
 * names for it. A user power-off is what makes HA stop restarting a VM (VMware: a VM powered off
 * by the user is unprotected), and a user power-on protects it again.
 */
abstract class VmPowerCommand extends InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "VM", description = "the VM's MOID, e.g. vm-5")
    String vm;

    /** {@code power-on} or {@code power-off}, for messages. */
    abstract String operation();

    abstract void apply(AgentLink link, String vm);

    @Override
    public Integer call() {
        AgentLink link = options.agent() != null ? targets().links().get(0) : hostOf(vm, view());
        try {
            apply(link, vm);
        } catch (AgentCallException e) {
            throw CliException.failed(e.getMessage());
        }
        out().println(vm + " " + operation() + " requested on " + link.name());
        out().flush();
        return ExitCodes.OK;
    }

    /**
     * The agent whose host holds the VM: one that lists the VM on itself, else the host the
     * preferred (master's) view names.
     *
     * @throws CliException (failed) if no answering agent knows the VM
     */
    static AgentLink hostOf(String vm, ClusterView view) {
        for (ClusterView.Answer a : view.answers()) {
            for (VmStatus v : a.status().vms()) {
                if (v.vm().equals(vm) && a.status().host().equals(v.host())) {
                    return a.link();
                }
            }
        }
        Optional<String> named = view.preferred().flatMap(p -> p.status().vms().stream()
                .filter(v -> v.vm().equals(vm)).map(VmStatus::host).findFirst());
        if (named.isPresent()) {
            return view.answerOf(named.get()).map(ClusterView.Answer::link).orElseThrow(() -> CliException.failed(
                    vm + " is on " + named.get() + ", whose agent did not answer" + view.describeProblems()));
        }
        throw CliException.failed("no answering agent reports " + vm
                + (view.answers().isEmpty() ? "" : " (asked: " + String.join(", ",
                view.answers().stream().map(a -> a.status().host()).toList()) + ")")
                + view.describeProblems());
    }
}
