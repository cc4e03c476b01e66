package io.openfdm.master;

import io.openfdm.core.config.HostSpec;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.HostState;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.datastore.heartbeat.HeartbeatView;
import io.openfdm.master.hoststate.HostEvidence;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the master knows about one member: network liveness, datastore heartbeat views, its
 * accessible datastores and its last VM inventory. Mutable, owned by {@link MasterMachine}.
 */
final class HostRecord {
    final HostSpec spec;
    HostState state;
    long stateSinceMs;
    /** Monotonic ms of the last network heartbeat, or the master's start (a grace period). */
    long lastHeardMs;
    /** Whether a network heartbeat has really been received (not just the start grace). */
    boolean everHeard;
    /** Whether this master itself has received a message from the host (not a handover). */
    boolean heardByThisMaster;
    /** Boot id from the host's last report (0: none yet). */
    long bootId;
    /** Inventory version of the last report received; -1 before the first. */
    long inventoryVersion = -1;
    /** A report has arrived since this host became master: its inventory can be trusted. */
    boolean reported;
    Map<VmId, VmInfo> vms = new LinkedHashMap<>();
    Set<String> accessibleDatastores = new TreeSet<>();
    /**
     * The administrative mode from the host's last heartbeat (maintenance, standby); until the first,
     * the mode the configuration gives ({@link HostSpec#mode()}, vCenter's through the bridge), so
     * a new master that never heard a host gone down in maintenance does not restart its VMs. See
     * {@link HostModeRules}.
     */
    HostMode mode;
    final Map<String, HeartbeatView> heartbeats = new HashMap<>();
    /** Pings, poweron files and election claims of this host (the decision table's other inputs). */
    final HostEvidence evidence = new HostEvidence();

    HostRecord(HostSpec spec, HostState state, long nowMs) {
        this.spec = spec;
        this.state = state;
        this.stateSinceMs = nowMs;
        this.lastHeardMs = nowMs;
        this.accessibleDatastores.addAll(spec.datastores());
        this.mode = spec.mode();
    }

    HostId id() {
        return spec.id();
    }

    /** Whether this host's agent has ever run here: heard, or a heartbeat file of it seen. */
    boolean agentEverRan() {
        return everHeard || heartbeats.values().stream().anyMatch(HeartbeatView::seen);
    }

    boolean live() {
        return state == HostState.CONNECTED_TO_MASTER || state == HostState.MASTER;
    }

    /** Memory reserved by this host's powered-on VMs, MiB. */
    long reservedMemoryMb() {
        long sum = 0;
        for (VmInfo vm : vms.values()) {
            if (vm.poweredOn()) {
                sum += vm.memoryMb();
            }
        }
        return sum;
    }

    /** CPU reserved by this host's powered-on VMs, MHz. */
    long reservedCpuMhz() {
        long sum = 0;
        for (VmInfo vm : vms.values()) {
            if (vm.poweredOn()) {
                sum += vm.cpuMhz();
            }
        }
        return sum;
    }

    int poweredOnCount() {
        int n = 0;
        for (VmInfo vm : vms.values()) {
            if (vm.poweredOn()) {
                n++;
            }
        }
        return n;
    }
}
