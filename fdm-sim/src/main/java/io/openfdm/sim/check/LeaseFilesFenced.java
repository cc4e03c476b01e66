package io.openfdm.sim.check;

import io.openfdm.core.model.HostId;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.file.Result;
import io.openfdm.datastore.lease.LeaseRecord;
import io.openfdm.sim.cluster.SimCluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads every datastore's lease file ({@code .vSphere-HA/<cluster>/protectedlist.lease}) whenever
 * it changed and checks the fencing rules of the lease protocol:
 * <ul>
 *   <li>the generation in the file never goes backwards (fencing tokens only grow);</li>
 *   <li>a generation is renewed by one owner only: a record with {@code renewals >= 1} is written
 *       by the holder, so two owners renewing one generation both believed they held it. (Claims,
 *       {@code renewals == 0}, may race for one generation; the read-back decides.)</li>
 * </ul>
 * Missing and corrupt files are skipped: a corrupt file is damage, tested by other means.
 */
public final class LeaseFilesFenced implements Invariant {
    private final Map<String, Long> seenVersion = new HashMap<>();
    private final Map<String, Long> highestGeneration = new HashMap<>();
    private final Map<String, HostId> renewerOfGeneration = new HashMap<>();

    @Override
    public void check(SimCluster cluster) {
        String path = HaPaths.protectedListLease(cluster.config().clusterId());
        for (String ds : cluster.datastores().datastores()) {
            long version = cluster.datastores().version(ds, path);
            Long seen = seenVersion.put(ds, version);
            if (seen != null && seen == version) {
                continue;
            }
            Optional<byte[]> bytes = cluster.datastores().peek(ds, path);
            if (bytes.isEmpty()) {
                continue;
            }
            if (!(LeaseRecord.CODEC.decode(bytes.get()) instanceof Result.Valid<LeaseRecord> valid)) {
                continue;
            }
            observe(ds, valid.value());
        }
    }

    /**
     * Checks one decoded lease record of {@code datastore} against those seen before.
     *
     * @throws InvariantViolation if the generation went back or a second owner renews a generation
     */
    public void observe(String datastore, LeaseRecord lease) {
        Long highest = highestGeneration.get(datastore);
        if (highest != null && lease.generation() < highest) {
            throw new InvariantViolation("lease of " + datastore + " went back from generation " + highest + " to "
                    + lease.generation() + " (owner " + lease.owner() + ")");
        }
        highestGeneration.put(datastore, lease.generation());
        if (lease.owner() != null && lease.renewals() >= 1) {
            String key = datastore + "#" + lease.generation();
            HostId renewer = renewerOfGeneration.putIfAbsent(key, lease.owner());
            if (renewer != null && !renewer.equals(lease.owner())) {
                throw new InvariantViolation("generation " + lease.generation() + " of the lease of " + datastore
                        + " renewed by both " + renewer + " and " + lease.owner());
            }
        }
    }
}
