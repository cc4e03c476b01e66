package io.openfdm.master;

import io.openfdm.core.config.VmOverride;
import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.PowerOnResult;
import io.openfdm.core.wire.SlaveHeartbeat;
import io.openfdm.core.wire.VmReport;
import io.openfdm.datastore.poweron.PoweredOffMarker;
import io.openfdm.datastore.poweron.PoweronRecord;
import io.openfdm.datastore.protectedlist.ProtectedList;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Inputs of the {@link MasterMachine}. */
public sealed interface MasterEvent {

    /** Time passed; called every tick. */
    record Tick() implements MasterEvent {
    }

    /** A slave's heartbeat (the master's own host sends one to itself internally). */
    record SlaveHeartbeatReceived(HostId from, SlaveHeartbeat heartbeat) implements MasterEvent {
    }

    /** A slave's inventory. */
    record VmReportReceived(HostId from, VmReport report) implements MasterEvent {
    }

    /** A slave answered a power-on request. */
    record PowerOnResultReceived(HostId from, PowerOnResult result) implements MasterEvent {
    }

    /**
     * This host holds the protectedlist lease of {@code datastore} with fencing generation
     * {@code generation} and may act on it until {@code validUntilMs} (monotonic ms): the last
     * successful renewal plus {@code leaseStandDownMs}. Sent on acquisition and on every renewal.
     */
    record LeaseHeld(String datastore, long generation, long validUntilMs) implements MasterEvent {
    }

    /** The lease of {@code datastore} was lost or released. */
    record LeaseLost(String datastore, String reason) implements MasterEvent {
    }

    /** Outcome of a {@link MasterAction.ReadProtectedList}. */
    record ProtectedListLoaded(String datastore, ProtectedListRead read) implements MasterEvent {
    }

    /** Outcome of a {@link MasterAction.WriteProtectedList}. */
    record ProtectedListWritten(String datastore, long version, boolean ok, String error) implements MasterEvent {
    }

    /**
     * Outcome of a {@link MasterAction.ReadHeartbeat}: the counter in {@code host-<moid>-hb}, or
     * empty when the file is missing, corrupt or the datastore is unreadable.
     */
    record HeartbeatObserved(HostId host, String datastore, OptionalLong counter) implements MasterEvent {
    }

    /**
     * A newer configuration changed only per-VM HA overrides (protection, restart priority): the
     * master applies them in place at its next reconciliation, without an election (FDM re-elects
     * when the cluster's HA configuration changes, not when a VM's override does).
     */
    record OverridesChanged(long configVersion, List<VmOverride> overrides) implements MasterEvent {
        public OverridesChanged {
            overrides = List.copyOf(overrides);
        }
    }

    /**
     * Outcome of a {@link MasterAction.ProbeAddress}: whether the host's management address
     * answered the ping sent at {@code sentMs} (the master's monotonic ms).
     */
    record AddressProbed(HostId host, long sentMs, boolean answered) implements MasterEvent {
    }

    /**
     * Outcome of a {@link MasterAction.ReadPoweron}: the host's poweron record on the datastore,
     * or empty when missing, corrupt or unreadable.
     */
    record PoweronObserved(HostId host, String datastore, Optional<PoweronRecord> record) implements MasterEvent {
    }

    /**
     * Outcome of a {@link MasterAction.ReadPoweredOffMarkers}: every valid marker on the datastore,
     * or empty when the datastore could not be read (what was known stays).
     */
    record PoweredOffMarkersRead(String datastore, Optional<List<PoweredOffMarker>> markers) implements MasterEvent {
    }

    /** An election claim of {@code host} reached this master (the host is electing). */
    record ElectionClaimHeard(HostId host) implements MasterEvent {
    }

    /** A host called an election while we are master: send it a heartbeat now. */
    record AnswerHost(HostId host) implements MasterEvent {
    }

    /** What reading a protectedlist gave. */
    sealed interface ProtectedListRead {
        record Found(ProtectedList list) implements ProtectedListRead {
        }

        record Missing() implements ProtectedListRead {
        }

        record Corrupt(String reason) implements ProtectedListRead {
        }

        record Unreadable(String reason) implements ProtectedListRead {
        }
    }
}
