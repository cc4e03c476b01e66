package io.openfdm.sim.check;

import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.file.Result;
import io.openfdm.datastore.lease.LeaseRecord;
import io.openfdm.datastore.protectedlist.ProtectedList;
import io.openfdm.sim.cluster.SimCluster;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * No protectedlist write from a stale lease generation lands, after every event: whenever a
 * datastore's protectedlist file changes, its writer and generation must be the lease file's
 * owner and generation at that instant (a master writes the list only under a lease valid now,
 * and a taker claims only after the old holder has stood down, so a late write of a deposed
 * master, for example one delayed by slow I/O, would show up here as a list whose generation is
 * below the lease's). Corrupt, torn and missing files are skipped.
 */
public final class ProtectedListsFenced implements Invariant {
    private final Map<String, Long> seenVersion = new HashMap<>();
    private final Map<String, byte[]> lastList = new HashMap<>();

    @Override
    public void check(SimCluster cluster) {
        String listPath = HaPaths.protectedList(cluster.config().clusterId());
        String leasePath = HaPaths.protectedListLease(cluster.config().clusterId());
        for (String ds : cluster.datastores().datastores()) {
            long version = cluster.datastores().version(ds, listPath);
            Long seen = seenVersion.put(ds, version);
            if (seen != null && seen == version) {
                continue;
            }
            Optional<byte[]> bytes = cluster.datastores().peek(ds, listPath);
            if (bytes.isEmpty()) {
                continue;
            }
            byte[] previous = lastList.put(ds, bytes.get());
            if (previous != null && Arrays.equals(previous, bytes.get())) {
                continue;
            }
            if (!(ProtectedList.CODEC.decode(bytes.get()) instanceof Result.Valid<ProtectedList> list)) {
                continue;
            }
            Optional<byte[]> leaseBytes = cluster.datastores().peek(ds, leasePath);
            if (leaseBytes.isEmpty()
                    || !(LeaseRecord.CODEC.decode(leaseBytes.get()) instanceof Result.Valid<LeaseRecord> lease)) {
                continue;
            }
            ProtectedList l = list.value();
            LeaseRecord r = lease.value();
            if (l.generation() != r.generation() || !l.writer().equals(r.owner())) {
                throw new InvariantViolation("protectedlist of " + ds + " written by " + l.writer() + " at generation "
                        + l.generation() + " (version " + l.version() + ") while the lease is "
                        + (r.owner() == null ? "released" : "held by " + r.owner()) + " at generation " + r.generation());
            }
        }
    }
}
