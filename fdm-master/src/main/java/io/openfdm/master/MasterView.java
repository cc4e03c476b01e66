package io.openfdm.master;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostState;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.status.CapacityStatus;
import io.openfdm.core.status.HostStatus;
import io.openfdm.core.status.RestartPlan;
import io.openfdm.core.status.VmStatus;
import io.openfdm.datastore.protectedlist.ProtectedVm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the master knows, shaped for {@code fdm hosts}, {@code fdm vms}, {@code fdm datastores},
 * {@code fdm capacity} and {@code fdm plan}.
 */
public final class MasterView {
    private final MasterMachine machine;
    private final long nowMs;

    MasterView(MasterMachine machine, long nowMs) {
        this.machine = machine;
        this.nowMs = nowMs;
    }

    /** Every configured host with the master's verdict on it. */
    public List<HostStatus> hosts() {
        List<HostStatus> out = new ArrayList<>();
        for (HostRecord rec : machine.hosts().values()) {
            long ago = rec.state == HostState.MASTER ? 0 : (rec.everHeard ? nowMs - rec.lastHeardMs : -1);
            out.add(new HostStatus(rec.id().moid(), rec.spec.address(), rec.state.vsphereName(), ago,
                    List.copyOf(rec.accessibleDatastores), rec.poweredOnCount(), rec.mode.displayName()));
        }
        return out;
    }

    /** The state the master holds for {@code host}. */
    public HostState state(HostId host) {
        HostRecord rec = machine.hosts().get(host);
        return rec == null ? HostState.UNINITIALIZED : rec.state;
    }

    /**
     * Every VM the master knows: protected ones from its protectedlists (with restart state), and
     * unprotected ones from the live hosts' reports.
     */
    public List<VmStatus> vms() {
        Map<VmId, VmStatus> out = new TreeMap<>();
        for (DatastoreBook book : machine.books().values()) {
            if (!book.loaded) {
                continue;
            }
            for (ProtectedVm vm : book.vms.values()) {
                Restart r = machine.restarts().get(vm.vm());
                HostRecord host = machine.hosts().get(vm.host());
                boolean on = host != null && host.live() && isOn(host.vms.get(vm.vm()));
                long nextWall = r == null ? vm.nextRestartAttemptWallMs()
                        : r.phase == Restart.Phase.WAITING_RETRY ? r.nextAttemptWallMs : 0;
                out.put(vm.vm(), new VmStatus(vm.vm().moid(), vm.name(), vm.host().moid(),
                        on ? "poweredOn" : "poweredOff", true, vm.priority().name().toLowerCase(java.util.Locale.ROOT),
                        vm.homeDatastore(), r == null ? "none" : r.stateName(),
                        r == null ? vm.restartAttempts() : r.attempts, nextWall,
                        r == null ? vm.lastRestartError() : r.lastError));
            }
        }
        for (HostRecord rec : machine.hosts().values()) {
            if (!rec.live()) {
                continue;
            }
            for (VmInfo vm : rec.vms.values()) {
                out.putIfAbsent(vm.id(), new VmStatus(vm.id().moid(), vm.name(), rec.id().moid(),
                        vm.power() == PowerState.POWERED_ON ? "poweredOn" : "poweredOff", false,
                        vm.priority().name().toLowerCase(java.util.Locale.ROOT), vm.homeDatastore(), "none", 0));
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Entries in the datastore's protectedlist, or -1 when this master has not loaded it. */
    public int protectedCount(String datastore) {
        DatastoreBook book = machine.books().get(datastore);
        return book == null || !book.loaded ? -1 : book.vms.size();
    }

    /** Restarts not yet finished (pending, requested, waiting for a retry, failed). */
    public int restartsOutstanding() {
        return machine.restarts().size();
    }

    /** The failover capacity now, under the admission control policy in force. */
    public CapacityStatus capacity() {
        return CapacityInputs.compute(machine);
    }

    /**
     * What this master would do if {@code failed} failed now, with the placement code and restart
     * order of a real failure (see {@link RestartPlanner}).
     *
     * @throws IllegalArgumentException naming an unknown host, or when the list is empty
     */
    public RestartPlan plan(List<HostId> failed) {
        return new RestartPlanner(machine).plan(failed);
    }

    private static boolean isOn(VmInfo vm) {
        return vm != null && vm.poweredOn();
    }
}
