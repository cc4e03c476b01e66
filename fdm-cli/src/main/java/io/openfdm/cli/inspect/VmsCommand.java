package io.openfdm.cli.inspect;

import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.ExitCodes;
import io.openfdm.cli.cluster.MoidOrder;
import io.openfdm.cli.output.Table;
import io.openfdm.core.status.VmStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code fdm vms [--protected]}: VMs as the master sees them, with their restart state. */
@Command(name = "vms", mixinStandardHelpOptions = true,
        description = "VMs as the master sees them: host, power, protection, priority, home datastore, restart state.")
public final class VmsCommand extends InspectCommand implements Callable<Integer> {
    @Option(names = "--protected", description = "only VMs protected by HA")
    boolean protectedOnly;

    @Override
    public Integer call() {
        ClusterView.Answer shown = preferredView(view());
        List<VmStatus> vms = shown.status().vms().stream()
                .filter(v -> !protectedOnly || v.protectedByHa()).toList();
        if (options.json()) {
            printJson(vms);
            return ExitCodes.OK;
        }
        table(vms).print(out());
        return ExitCodes.OK;
    }

    /**
     * One row per VM, in MOID order. NEXT ATTEMPT is the wall-clock time (UTC, seconds) of the next
     * restart attempt of a VM waiting for a retry, "-" otherwise; a VM on the pending-placement list
     * shows RESTART {@code pending-placement}.
     */
    static Table table(List<VmStatus> vms) {
        Table t = new Table("VM", "NAME", "HOST", "POWER", "PROTECTED", "PRIORITY", "HOME DATASTORE",
                "RESTART", "ATTEMPTS", "NEXT ATTEMPT").rightAligned("ATTEMPTS").emptyText("(no VMs)");
        vms.stream().sorted(Comparator.comparing(VmStatus::vm, MoidOrder.NATURAL)).forEach(v ->
                t.row(v.vm(), v.name(), v.host(), v.power(), v.protectedByHa() ? "yes" : "no",
                        v.priority(), v.homeDatastore(), v.restartState(), v.attempts(), nextAttempt(v)));
        return t;
    }

    private static String nextAttempt(VmStatus v) {
        return v.nextAttemptWallMs() <= 0 ? "-"
                : DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(v.nextAttemptWallMs()).truncatedTo(ChronoUnit.SECONDS));
    }
}
