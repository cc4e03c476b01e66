package io.openfdm.cli.inspect;

import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.ExitCodes;
import io.openfdm.cli.cluster.MoidOrder;
import io.openfdm.cli.output.Table;
import io.openfdm.core.status.DatastoreStatus;
import picocli.CommandLine.Command;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code fdm datastores}: each datastore's accessibility and protectedlist lease. */
@Command(name = "datastores", mixinStandardHelpOptions = true,
        description = "Datastores: accessible, protectedlist lease owner and generation, held by the viewing agent, protected VMs.")
public final class DatastoresCommand extends InspectCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        ClusterView.Answer shown = preferredView(view());
        if (options.json()) {
            printJson(shown.status().datastores());
            return ExitCodes.OK;
        }
        table(shown.status().datastores()).print(out());
        return ExitCodes.OK;
    }

    /** One row per datastore, by name; unknown counts ({@code -1}) print as {@code -}. */
    static Table table(List<DatastoreStatus> datastores) {
        Table t = new Table("NAME", "ACCESSIBLE", "LEASE OWNER", "GENERATION", "HELD HERE", "PROTECTED VMS")
                .rightAligned("GENERATION", "PROTECTED VMS").emptyText("(no datastores)");
        datastores.stream().sorted(Comparator.comparing(DatastoreStatus::name, MoidOrder.NATURAL)).forEach(d ->
                t.row(d.name(), d.accessible() ? "yes" : "no",
                        d.leaseOwner() == null || d.leaseOwner().isEmpty() ? "(none)" : d.leaseOwner(),
                        d.leaseGeneration(), d.heldByThisHost() ? "yes" : "no",
                        d.protectedVms() < 0 ? "-" : String.valueOf(d.protectedVms())));
        return t;
    }
}
