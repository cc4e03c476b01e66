package io.openfdm.master.hoststate;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostState;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.poweron.PoweredOffMarker;
import io.openfdm.datastore.poweron.PoweronRecord;

import java.util.Optional;

/**
 * When the master may restart a protected VM of a host that is not dead: only once that host has
 * powered the VM off as its isolation response, never while the VM may still run (vSphere HA
 * Deepdive: the isolated host "removes powered-off VMs from its poweron file and writes poweredoff
 * markers. The master restarts only VMs that HA itself powered off").
 *
 * <p>The rule, all of it required:
 * <ol>
 *   <li>a poweredoff marker for the VM names the VM's host (and, when both are known and the
 *       marker is not pending, that host's current boot: a pending marker was written before the
 *       power-off by an agent that may have restarted since);</li>
 *   <li>the host is {@code networkIsolated} and its freshest poweron file has the isolation flag
 *       set and no longer lists the VM; or the host is back ({@code connectedToMaster}) and its
 *       own inventory report shows the VM powered off.</li>
 * </ol>
 * A {@code networkPartitionedFromMaster}, {@code fdmUnreachable}, {@code election} or
 * {@code uninitialized} host's VMs are never restarted; a {@code hostDown} host's VMs are
 * restarted by the ordinary dead-host rule, not this one.
 *
 * <p>Pure.
 */
public final class IsolationRestartRule {
    private IsolationRestartRule() {
    }

    /**
     * @param vm                the protected VM
     * @param host              the host the protectedlist says it runs on
     * @param hostBoot          that host's boot id in the protectedlist (0: unknown)
     * @param hostState         the master's state for that host
     * @param poweron           the host's freshest poweron record, if any
     * @param marker            the VM's poweredoff marker, if any
     * @param reportedPoweredOn for a connected host with a trusted report: whether it reports the
     *                          VM powered on; empty otherwise
     */
    public static boolean poweredOffByHa(VmId vm, HostId host, long hostBoot, HostState hostState,
                                         Optional<PoweronRecord> poweron, Optional<PoweredOffMarker> marker,
                                         Optional<Boolean> reportedPoweredOn) {
        if (marker.isEmpty() || !marker.get().host().equals(host)) {
            return false;
        }
        if (hostBoot != 0 && marker.get().hostBoot() != 0 && marker.get().hostBoot() != hostBoot
                && !marker.get().pending()) {
            return false; // a pending marker outlives an agent restart in the middle of the shutdown
        }
        return switch (hostState) {
            case NETWORK_ISOLATED -> poweron.isPresent() && poweron.get().isolated()
                    && !poweron.get().poweredOn().contains(vm);
            case CONNECTED_TO_MASTER, MASTER -> reportedPoweredOn.isPresent() && !reportedPoweredOn.get();
            default -> false;
        };
    }

    /**
     * A host that cannot report (isolated, partitioned from this master, or its agent gone since:
     * random tier seed 11219) has booted again without the VM: its freshest poweron file comes from another boot than the one the VM was protected
     * under and does not list the VM. Its VMs went down with the host (vSphere HA clusters do not
     * autostart VMs), so they are restarted as a dead host's would be; no poweredoff marker is
     * needed, because HA did not power them off. A file of unknown boot (0) proves nothing, and a
     * new agent on a host that kept running lists the VMs that still run.
     *
     * @param hostBoot the boot id the protectedlist has for the VM's host (0: unknown)
     */
    public static boolean goneWithReboot(VmId vm, long hostBoot, HostState hostState, Optional<PoweronRecord> poweron) {
        if (hostState != HostState.NETWORK_ISOLATED && hostState != HostState.NETWORK_PARTITIONED_FROM_MASTER
                && hostState != HostState.FDM_UNREACHABLE) {
            return false;
        }
        return hostBoot != 0 && poweron.isPresent() && poweron.get().bootId() != 0
                && poweron.get().bootId() != hostBoot && !poweron.get().poweredOn().contains(vm);
    }
}
