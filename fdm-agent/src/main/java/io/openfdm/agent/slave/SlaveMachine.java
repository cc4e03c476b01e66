package io.openfdm.agent.slave;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.wire.SlaveHeartbeat;
import io.openfdm.core.wire.VmReport;
import io.openfdm.datastore.heartbeat.HeartbeatDatastoreSelection;
import io.openfdm.datastore.heartbeat.HeartbeatRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The slave duties every host has (the master's own host too, reporting to itself): network
 * heartbeats to the master every {@code heartbeatIntervalMs}; its whole VM inventory whenever the
 * master's acknowledged version differs from its own (so a lost report is simply sent again); its
 * heartbeat file on its heartbeat datastores every {@code datastoreHeartbeatIntervalMs}; and power-on
 * requests from its master, refused from anyone else.
 *
 * <p>Heartbeat datastores: {@link HeartbeatDatastoreSelection} over the datastores this host
 * reaches now ({@code heartbeatDatastoresPerHost}, FDM's {@code das.heartbeatDsPerHost}, default 2;
 * the best-covered first, or the user's as {@code heartbeatDatastores} pins them).
 *
 * <p>Deterministic, no I/O: {@link #step} returns actions. Mutable like the master machine.
 */
public final class SlaveMachine {
    private final HostId self;
    private final ClusterConfig config;
    private final Timing timing;
    private HostId master;
    private List<VmInfo> inventory = List.of();
    private long inventoryVersion;
    private long ackedVersion = -1;
    private long lastHeartbeatMs = Long.MIN_VALUE;
    private long lastReportMs = Long.MIN_VALUE;
    private long lastDatastoreHeartbeatMs = Long.MIN_VALUE;
    private long datastoreHeartbeatCounter;
    private final long bootId;
    private Set<String> accessible = new TreeSet<>();
    private final HeartbeatDatastoreSelection heartbeatSelection;
    private HostMode hostMode = HostMode.NORMAL;

    /**
     * @param bootCounter identifies this boot and is the first datastore heartbeat counter value;
     *                    pass something that differs across boots (the wall clock at start) so a
     *                    restarted host's file changes at once and its reports carry a new boot id
     */
    public SlaveMachine(HostId self, ClusterConfig config, long bootCounter) {
        this.self = self;
        this.config = config;
        this.timing = config.timing();
        this.heartbeatSelection = new HeartbeatDatastoreSelection(config);
        this.datastoreHeartbeatCounter = bootCounter;
        this.bootId = bootCounter;
        // Versions of a later boot sort above those of an earlier one (boot id = wall ms at start),
        // so a master never mistakes a rebooted host's first report for an old one.
        this.inventoryVersion = bootCounter * 1000;
    }

    public List<SlaveAction> step(SlaveEvent event, long nowMs, long wallMs) {
        List<SlaveAction> out = new ArrayList<>();
        if (event instanceof SlaveEvent.Tick) {
            tick(nowMs, wallMs, out);
        } else if (event instanceof SlaveEvent.InventoryObserved inv) {
            if (!inv.vms().equals(inventory)) {
                inventory = List.copyOf(inv.vms());
                inventoryVersion++;
                maybeReport(nowMs, true, out);
            }
        } else if (event instanceof SlaveEvent.MasterChanged m) {
            master = m.master();
            ackedVersion = -1;
            lastHeartbeatMs = Long.MIN_VALUE;
            lastReportMs = Long.MIN_VALUE;
            if (master != null) {
                tick(nowMs, wallMs, out);
            }
        } else if (event instanceof SlaveEvent.MasterHeartbeatReceived h) {
            if (h.from().equals(master)) {
                ackedVersion = h.heartbeat().ackedInventoryVersion();
                maybeReport(nowMs, false, out);
            }
        } else if (event instanceof SlaveEvent.AccessibleChanged a) {
            accessible = new TreeSet<>(a.datastores());
        } else if (event instanceof SlaveEvent.PowerOnRequested r) {
            if (r.from().equals(master)) {
                out.add(new SlaveAction.ExecutePowerOn(r.from(), r.request()));
            }
        } else if (event instanceof SlaveEvent.PowerOnDone d) {
            out.add(new SlaveAction.Send(d.requester(), d.result()));
        } else if (event instanceof SlaveEvent.HostModeChanged m && m.mode() != hostMode) {
            hostMode = m.mode();
            lastHeartbeatMs = Long.MIN_VALUE; // tell the master now
            tick(nowMs, wallMs, out);
        }
        return out;
    }

    private void tick(long now, long wallMs, List<SlaveAction> out) {
        if (master != null && (lastHeartbeatMs == Long.MIN_VALUE || now - lastHeartbeatMs >= timing.heartbeatIntervalMs())) {
            lastHeartbeatMs = now;
            out.add(new SlaveAction.Send(master,
                    new SlaveHeartbeat(config.version(), master, inventoryVersion, List.copyOf(accessible), hostMode)));
            maybeReport(now, false, out);
        }
        if (lastDatastoreHeartbeatMs == Long.MIN_VALUE
                || now - lastDatastoreHeartbeatMs >= timing.datastoreHeartbeatIntervalMs()) {
            lastDatastoreHeartbeatMs = now;
            datastoreHeartbeatCounter++;
            for (String ds : heartbeatDatastores()) {
                out.add(new SlaveAction.WriteHeartbeat(ds, new HeartbeatRecord(self, datastoreHeartbeatCounter, wallMs)));
            }
        }
    }

    /** Sends the inventory if the master lacks it; re-sends at most once per heartbeat interval. */
    private void maybeReport(long now, boolean changed, List<SlaveAction> out) {
        if (master == null || ackedVersion == inventoryVersion) {
            return;
        }
        if (changed || lastReportMs == Long.MIN_VALUE || now - lastReportMs >= timing.heartbeatIntervalMs()) {
            lastReportMs = now;
            out.add(new SlaveAction.Send(master, new VmReport(inventoryVersion, bootId, inventory)));
        }
    }

    /** The datastores this host writes its heartbeat file to, in order of choice. */
    public List<String> heartbeatDatastores() {
        return config.host(self).map(spec -> heartbeatSelection.choose(spec, accessible)).orElse(List.of());
    }

    public List<VmInfo> inventory() {
        return inventory;
    }

    public HostId master() {
        return master;
    }

    /** The administrative mode this host's heartbeats carry. */
    public HostMode hostMode() {
        return hostMode;
    }
}
