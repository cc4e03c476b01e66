package io.openfdm.bridge.service;

import io.openfdm.agent.push.AgentReport;
import io.openfdm.bridge.api.ClusterStatus;
import io.openfdm.bridge.api.ClusterStatus.EventRow;
import io.openfdm.bridge.api.ClusterStatus.HostRow;
import io.openfdm.bridge.api.ClusterStatus.VmRow;
import io.openfdm.bridge.api.ClusterSummary;
import io.openfdm.bridge.config.AgentAddresses;
import io.openfdm.bridge.config.ConfigBuilder;
import io.openfdm.bridge.config.HaSettingsRules;
import io.openfdm.bridge.inventory.ClusterRecord;
import io.openfdm.bridge.inventory.DatastoreRecord;
import io.openfdm.bridge.inventory.HostRecord;
import io.openfdm.bridge.inventory.Inventory;
import io.openfdm.bridge.inventory.VmRecord;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.HostStatus;
import io.openfdm.core.status.VmStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Puts the cluster view together from vCenter's inventory and the agents' reports. Pure.
 *
 * <ul>
 *   <li><b>Master</b>: the agent that reports itself master; if several do (a partition), the one
 *       that sees the most hosts, then the greatest MOID.</li>
 *   <li><b>Host state</b>: the master's view of the host ({@code connectedToMaster},
 *       {@code hostDown}, ...), {@code master} for the master; else the agent's own role
 *       ({@code election}, ...); {@code unknown} when no agent says anything about it.</li>
 *   <li><b>VMs</b>: vCenter's VMs of the cluster with vCenter's host and power state; protection and
 *       restart state as the master reports them.</li>
 *   <li><b>Events</b>: every answering agent's recent events, duplicates dropped, newest last.</li>
 * </ul>
 */
final class StatusView {
    private StatusView() {
    }

    static ClusterStatus of(ClusterSummary summary, boolean vcenterConnected, Inventory inv, ClusterRecord cluster,
                            ClusterConfig config, RestartPriority clusterDefault, List<AgentReport> reports,
                            AgentAddresses addresses, long nowWallMs, int maxEvents) {
        Optional<AgentStatus> master = reports.stream().map(AgentReport::status).filter(s -> "master".equals(s.role()))
                .max(Comparator.<AgentStatus>comparingInt(s -> s.hosts().size()).thenComparing(AgentStatus::host));
        Map<String, AgentStatus> byHost = reports.stream().map(AgentReport::status)
                .collect(Collectors.toMap(AgentStatus::host, Function.identity(), (a, b) -> a));
        Map<String, HostStatus> masterHosts = master.map(m -> m.hosts().stream()
                .collect(Collectors.toMap(HostStatus::host, Function.identity(), (a, b) -> a))).orElse(Map.of());
        Map<String, VmStatus> masterVms = master.map(m -> m.vms().stream()
                .collect(Collectors.toMap(VmStatus::vm, Function.identity(), (a, b) -> a))).orElse(Map.of());
        Map<String, DatastoreRecord> datastores = inv.datastoresByMoid();

        List<HostRow> hosts = new ArrayList<>();
        for (HostRecord h : inv.hostsOf(cluster)) {
            String address = config == null ? null : config.host(HostId.of(h.moid()))
                    .map(s -> s.address() + ":" + s.port()).orElse(null);
            if (address == null) {
                address = addresses.of(h).map(Object::toString).orElse("");
            }
            String state = "unknown";
            List<String> reachable = h.datastores().stream().map(datastores::get).filter(d -> d != null)
                    .map(DatastoreRecord::name).sorted().toList();
            if (master.isPresent() && master.get().host().equals(h.moid())) {
                state = "master";
            } else if (masterHosts.containsKey(h.moid())) {
                HostStatus hs = masterHosts.get(h.moid());
                state = hs.state();
                if (!hs.datastores().isEmpty()) {
                    reachable = hs.datastores().stream().sorted().toList();
                }
            } else if (byHost.containsKey(h.moid())) {
                state = byHost.get(h.moid()).role();
            }
            hosts.add(new HostRow(h.moid(), h.name(), address, state, h.connectionState(), reachable));
        }

        List<VmRow> vms = new ArrayList<>();
        for (VmRecord v : inv.vmsOf(cluster)) {
            if (v.template()) {
                continue;
            }
            Optional<VmOverride> override = config == null ? Optional.empty() : config.override(VmId.of(v.moid()));
            RestartPriority priority = override.map(VmOverride::priority)
                    .orElse(ConfigBuilder.priority(cluster.dasVmSettings(v.moid()), clusterDefault));
            VmStatus ms = masterVms.get(v.moid());
            vms.add(new VmRow(v.moid(), v.name(), v.host(), v.powerState(), ms != null && ms.protectedByHa(),
                    HaSettingsRules.name(priority), ms == null ? "none" : ms.restartState()));
        }
        vms.sort(Comparator.comparing(VmRow::name).thenComparing(VmRow::moid));

        Set<JournalEvent> events = new LinkedHashSet<>();
        reports.forEach(r -> events.addAll(r.events()));
        List<EventRow> rows = events.stream().sorted(Comparator.comparingLong(JournalEvent::wallMs))
                .map(e -> new EventRow(e.wallMs(), e.host(), e.kind().name(), e.message())).toList();
        if (rows.size() > maxEvents) {
            rows = rows.subList(rows.size() - maxEvents, rows.size());
        }
        return new ClusterStatus(summary, vcenterConnected, master.map(AgentStatus::host).orElse(""),
                hosts.stream().sorted(Comparator.comparing(HostRow::moid)).toList(), vms, rows, nowWallMs);
    }
}
