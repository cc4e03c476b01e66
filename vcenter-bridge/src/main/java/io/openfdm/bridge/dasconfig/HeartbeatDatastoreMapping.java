package io.openfdm.bridge.dasconfig;

import io.openfdm.core.config.HeartbeatDatastorePolicy;
import io.openfdm.core.config.HeartbeatDatastorePolicy.CandidatePolicy;
import io.openfdm.vsphere.MoRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * vSphere's heartbeat datastore choice to {@link HeartbeatDatastorePolicy} and the count per host
 * (vSphere API reference, {@code ClusterDasConfigInfo}; reference sheet §1):
 * <ul>
 *   <li>{@code hBDatastoreCandidatePolicy}: {@code allFeasibleDs} (unset: vSphere's default),
 *       {@code userSelectedDs}, {@code allFeasibleDsWithUserPreference}; same names in
 *       {@code cluster.json}.</li>
 *   <li>{@code heartbeatDatastore}: the user's datastores, by MOID, become names. A datastore that
 *       is not in the configuration (no member mounts it, or its URL is no local path) is left
 *       out; {@code userSelectedDs} with none left is an error.</li>
 *   <li>{@code das.heartbeatDsPerHost}: 1-5 (vSphere's maximum is 5), default 2.</li>
 * </ul>
 */
final class HeartbeatDatastoreMapping {
    static final String PER_HOST = "das.heartbeatDsPerHost";
    static final int DEFAULT_PER_HOST = 2;

    /**
     * @param perHost heartbeat datastores per host ({@code heartbeatDatastoresPerHost})
     * @param policy  how they are chosen ({@code heartbeatDatastores})
     */
    record Result(int perHost, HeartbeatDatastorePolicy policy) {
    }

    private HeartbeatDatastoreMapping() {
    }

    /**
     * @param configured the configuration's datastores: name by MOID
     * @throws DasConfigException naming the bad field
     */
    static Result map(DasFields dasConfig, DasOptions options, Map<String, String> configured) {
        int perHost = DEFAULT_PER_HOST;
        Optional<Long> n = options.whole(PER_HOST);
        if (n.isPresent()) {
            if (n.get() < 1 || n.get() > 5) {
                throw new DasConfigException(options.field(PER_HOST), "must be 1-5, was " + n.get());
            }
            perHost = (int) (long) n.get();
        }
        String name = dasConfig.string("hBDatastoreCandidatePolicy").orElse(CandidatePolicy.ALL_FEASIBLE_DS.wireName());
        CandidatePolicy candidates = CandidatePolicy.fromWireName(name).orElseThrow(() -> new DasConfigException(
                dasConfig.field("hBDatastoreCandidatePolicy"), "must be one of " + CandidatePolicy.wireNames()
                        + ", was \"" + name + "\""));
        List<String> user = new ArrayList<>();
        for (Object o : dasConfig.list("heartbeatDatastore")) {
            if (o instanceof MoRef ref && configured.containsKey(ref.value()) && !user.contains(configured.get(ref.value()))) {
                user.add(configured.get(ref.value()));
            }
        }
        if (candidates == CandidatePolicy.USER_SELECTED_DS && user.isEmpty()) {
            throw new DasConfigException(dasConfig.field("heartbeatDatastore"), "names no datastore the cluster's agents use,"
                    + " and hBDatastoreCandidatePolicy is userSelectedDs");
        }
        return new Result(perHost, new HeartbeatDatastorePolicy(candidates, user));
    }
}
