package io.openfdm.agent.slave;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.wire.MasterHeartbeat;
import io.openfdm.core.wire.PowerOnRequest;
import io.openfdm.core.wire.PowerOnResult;

import java.util.List;
import java.util.Set;

/** Inputs of the {@link SlaveMachine}. */
public sealed interface SlaveEvent {
    /** Time passed. */
    record Tick() implements SlaveEvent {
    }

    /** The hypervisor's inventory as read now. */
    record InventoryObserved(List<VmInfo> vms) implements SlaveEvent {
    }

    /** The master changed ({@code master} null during an election). */
    record MasterChanged(HostId master) implements SlaveEvent {
    }

    /** A heartbeat from the current master. */
    record MasterHeartbeatReceived(HostId from, MasterHeartbeat heartbeat) implements SlaveEvent {
    }

    /** The datastores this host can reach now. */
    record AccessibleChanged(Set<String> datastores) implements SlaveEvent {
    }

    /** A power-on request arrived. */
    record PowerOnRequested(HostId from, PowerOnRequest request) implements SlaveEvent {
    }

    /** The agent carried out (or refused) a power-on request. */
    record PowerOnDone(HostId requester, PowerOnResult result) implements SlaveEvent {
    }

    /** The host's administrative mode changed (or was restored at start): heartbeats carry it. */
    record HostModeChanged(HostMode mode) implements SlaveEvent {
    }
}
