package io.openfdm.cli.bridge;

import io.openfdm.bridge.api.ClusterStatus;
import io.openfdm.bridge.api.ClusterSummary;
import io.openfdm.cli.ExitCodes;
import io.openfdm.cli.output.Durations;
import io.openfdm.cli.output.Fields;
import io.openfdm.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code fdm bridge status}: the plugin page's cluster view as text: master, hosts and their HA
 * states, VMs and where they run, the last events. With {@code --cluster MOID} one cluster; without,
 * every cluster with HA enabled. {@code --json} prints the bridge's {@code ClusterStatus} (a list
 * without {@code --cluster}).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Master, hosts, VMs and recent events of HA clusters, from the bridge.")
public final class BridgeStatusCommand extends BridgeClientCommand implements Callable<Integer> {
    /** Events shown in text mode (the bridge keeps up to 50; --json prints all). */
    static final int EVENTS_SHOWN = 10;

    @Option(names = "--cluster", paramLabel = "MOID", description = "one cluster (default: every cluster with HA enabled)")
    String clusterMoid;

    @Option(names = "--json", description = "print the bridge's answer as pretty JSON")
    boolean json;

    @Override
    public Integer call() {
        BridgeClient client = client();
        if (clusterMoid != null) {
            ClusterStatus s = client.status(clusterMoid);
            if (json) {
                printJson(s);
            } else {
                print(out(), s);
            }
            return ExitCodes.OK;
        }
        List<ClusterStatus> all = client.clusters().stream().filter(ClusterSummary::haEnabled)
                .map(c -> client.status(c.moid())).toList();
        if (json) {
            printJson(all);
            return ExitCodes.OK;
        }
        if (all.isEmpty()) {
            out().println("vSphere HA is not enabled on any cluster (see fdm bridge clusters; fdm bridge enable MOID)");
            out().flush();
            return ExitCodes.OK;
        }
        for (int i = 0; i < all.size(); i++) {
            if (i > 0) {
                out().println();
            }
            print(out(), all.get(i));
        }
        return ExitCodes.OK;
    }

    /** One cluster: summary lines, then the hosts, VMs and last events tables. */
    static void print(PrintWriter out, ClusterStatus s) {
        out.print(render(s));
        out.flush();
    }

    static String render(ClusterStatus s) {
        ClusterSummary c = s.cluster();
        String master = s.master().isEmpty() ? "(none)" : s.hosts().stream().filter(h -> h.moid().equals(s.master()))
                .findFirst().map(h -> s.master() + " (" + h.name() + ")").orElse(s.master());
        long protectedVms = s.vms().stream().filter(ClusterStatus.VmRow::protectedByHa).count();
        StringBuilder sb = new StringBuilder(new Fields()
                .add("cluster", c.name() + " (" + c.moid() + ")")
                .add("vSphere HA", c.haEnabled() ? "enabled" : "disabled")
                .add("cluster id", c.clusterId().isEmpty() ? "(none yet)" : c.clusterId())
                .add("config version", c.configVersion())
                .add("vCenter", s.vcenterConnected() ? "connected" : "DISCONNECTED (showing what the agents report)")
                .add("master", master)
                .add("protected VMs", protectedVms + " of " + s.vms().size())
                .add("as of", Durations.clock(s.asOfMs()))
                .render());
        sb.append('\n').append(hosts(s.hosts()).render());
        sb.append('\n').append(vms(s.vms()).render());
        List<ClusterStatus.EventRow> events = s.events();
        List<ClusterStatus.EventRow> shown = events.subList(Math.max(0, events.size() - EVENTS_SHOWN), events.size());
        sb.append('\n').append(events(shown).render());
        if (shown.size() < events.size()) {
            sb.append("(last ").append(shown.size()).append(" of ").append(events.size()).append(" events; --json for all)\n");
        }
        return sb.toString();
    }

    static Table hosts(List<ClusterStatus.HostRow> hosts) {
        Table t = new Table("HOST", "NAME", "HA STATE", "CONNECTION", "AGENT", "DATASTORES").emptyText("(no hosts)");
        for (ClusterStatus.HostRow h : hosts) {
            t.row(h.moid(), h.name(), h.state(), h.connectionState(), h.agentAddress().isEmpty() ? null : h.agentAddress(),
                    h.datastores().isEmpty() ? "(none)" : String.join(",", h.datastores()));
        }
        return t;
    }

    static Table vms(List<ClusterStatus.VmRow> vms) {
        Table t = new Table("VM", "NAME", "HOST", "POWER", "PROTECTED", "PRIORITY", "RESTART").emptyText("(no VMs)");
        for (ClusterStatus.VmRow v : vms) {
            t.row(v.moid(), v.name(), v.host(), v.power(), v.protectedByHa() ? "yes" : "no", v.priority(), v.restartState());
        }
        return t;
    }

    /** Oldest first, as {@code fdm events} prints them. */
    static Table events(List<ClusterStatus.EventRow> events) {
        Table t = new Table("TIME", "HOST", "KIND", "MESSAGE").emptyText("(no events)");
        for (ClusterStatus.EventRow e : events) {
            t.row(Durations.clock(e.wallMs()), e.host(), e.kind(), e.message());
        }
        return t;
    }
}
