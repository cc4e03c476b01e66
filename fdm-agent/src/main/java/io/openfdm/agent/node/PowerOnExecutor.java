package io.openfdm.agent.node;

import io.openfdm.core.env.DatastoreIoException;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.core.wire.PowerOnRequest;
import io.openfdm.core.wire.PowerOnResult;
import io.openfdm.datastore.lease.LeaseObservation;
import io.openfdm.datastore.lease.LeaseRecord;
import io.openfdm.hostd.Hypervisor;
import io.openfdm.hostd.HypervisorException;

/**
 * Carries out a master's power-on request on this host, behind a fencing check: the lease file of
 * the VM's home datastore must still name the requesting master with the request's generation.
 * A request from a master that has since lost the lease (a stalled or partitioned master) is
 * refused, so it can never start a second copy of a VM that a newer master is handling.
 *
 * <p>Runs wherever {@link HypervisorCalls} puts it (a worker thread for the vSphere backend); it
 * only reads the lease file and calls the hypervisor, both safe off the node's thread.
 */
final class PowerOnExecutor {
    private final Hypervisor hypervisor;
    private final DatastoreIo io;

    PowerOnExecutor(Hypervisor hypervisor, DatastoreIo io) {
        this.hypervisor = hypervisor;
        this.io = io;
    }

    PowerOnResult execute(HostId from, PowerOnRequest request) {
        VmId vm = request.vm().id();
        String ds = request.vm().homeDatastore();
        LeaseObservation lease = io.readLease(ds);
        if (!(lease instanceof LeaseObservation.Present p) || !heldBy(p.record(), from, request.leaseGeneration())) {
            return PowerOnResult.failed(request.requestId(), vm, "fenced: lease of " + ds + " is not held by "
                    + from + " at generation " + request.leaseGeneration() + " (" + describe(lease) + ")");
        }
        try {
            if (hypervisor.vm(vm).isEmpty()) {
                hypervisor.register(ds, vm);
            }
            if (request.powerOn()) {
                hypervisor.powerOn(vm);
            }
            return PowerOnResult.ok(request.requestId(), vm);
        } catch (HypervisorException | DatastoreIoException e) {
            return PowerOnResult.failed(request.requestId(), vm, e.getMessage());
        } catch (RuntimeException e) {
            // An adapter bug must still answer the master, which then retries with backoff.
            return PowerOnResult.failed(request.requestId(), vm, e.toString());
        }
    }

    private static boolean heldBy(LeaseRecord r, HostId owner, long generation) {
        return owner.equals(r.owner()) && r.generation() == generation;
    }

    private static String describe(LeaseObservation lease) {
        if (lease instanceof LeaseObservation.Present p) {
            LeaseRecord r = p.record();
            return r.owner() == null ? "released" : "held by " + r.owner() + " generation " + r.generation();
        }
        if (lease instanceof LeaseObservation.Corrupt c) {
            return "corrupt: " + c.reason();
        }
        if (lease instanceof LeaseObservation.Inaccessible i) {
            return "inaccessible: " + i.reason();
        }
        return "absent";
    }
}
