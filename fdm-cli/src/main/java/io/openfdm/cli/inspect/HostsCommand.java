package io.openfdm.cli.inspect;

import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.ExitCodes;
import io.openfdm.cli.cluster.MoidOrder;
import io.openfdm.cli.output.Durations;
import io.openfdm.cli.output.Table;
import io.openfdm.core.status.HostStatus;
import picocli.CommandLine.Command;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code fdm hosts}: the cluster's hosts as the master sees them. */
@Command(name = "hosts", mixinStandardHelpOptions = true,
        description = "Hosts as the master sees them: state (and maintenance or standby mode), address, last heard, datastores, powered-on VMs.")
public final class HostsCommand extends InspectCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        ClusterView.Answer shown = preferredView(view());
        if (options.json()) {
            printJson(shown.status().hosts());
            return ExitCodes.OK;
        }
        table(shown.status().hosts()).print(out());
        return ExitCodes.OK;
    }

    /** One row per host, in MOID order. */
    static Table table(List<HostStatus> hosts) {
        Table t = new Table("HOST", "STATE", "ADDRESS", "LAST HEARD", "DATASTORES", "VMS")
                .rightAligned("VMS").emptyText("(no hosts)");
        hosts.stream().sorted(Comparator.comparing(HostStatus::host, MoidOrder.NATURAL)).forEach(h ->
                t.row(h.host(), stateWithMode(h), h.address(), Durations.ago(h.lastHeardMsAgo()),
                        h.datastores().isEmpty() ? "(none)" : String.join(",", h.datastores()), h.poweredOnVms()));
        return t;
    }

    /** The HA state, with the host's mode after it when the host is out of service: {@code connectedToMaster (maintenance)}. */
    static String stateWithMode(HostStatus h) {
        return h.mode() == null || h.mode().equals("normal") ? h.state() : h.state() + " (" + h.mode() + ")";
    }
}
