package io.openfdm.core.config;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How each host's heartbeat datastores are chosen: vSphere's {@code ClusterDasConfigInfo}
 * {@code hBDatastoreCandidatePolicy} and {@code heartbeatDatastore} (vSphere Web Services API
 * reference). How many per host is {@link ClusterConfig#heartbeatDatastoresPerHost()}
 * ({@code das.heartbeatDsPerHost}, default 2, at most 5).
 *
 * <p>Automatic choice (vCenter's): datastores that the most hosts reach come first, so the master
 * can read as many hosts' heartbeats as possible (vSphere HA Deepdive, "Datastore heartbeating").
 * The user's datastores ({@code datastores}) pin the choice as {@code candidatePolicy} says.
 *
 * @param candidatePolicy which datastores may be chosen
 * @param datastores      the user's heartbeat datastores, in order of preference; names from
 *                        {@code cluster.datastores}, no duplicates
 */
public record HeartbeatDatastorePolicy(CandidatePolicy candidatePolicy, List<String> datastores) {

    public HeartbeatDatastorePolicy {
        datastores = datastores == null ? List.of() : List.copyOf(datastores);
    }

    /** vSphere's default: automatic choice, no user datastores. */
    public static HeartbeatDatastorePolicy defaults() {
        return new HeartbeatDatastorePolicy(CandidatePolicy.ALL_FEASIBLE_DS, List.of());
    }

    /** vSphere's {@code ClusterDasConfigInfoHBDatastoreCandidate}, by the same wire names. */
    public enum CandidatePolicy {
        /** Automatic: any datastore the host reaches; the user's list is ignored. */
        ALL_FEASIBLE_DS("allFeasibleDs"),
        /** Only the user's datastores; a host that reaches none of them has no heartbeat datastore. */
        USER_SELECTED_DS("userSelectedDs"),
        /** The user's datastores first, then the automatic choice fills up to the count per host. */
        ALL_FEASIBLE_DS_WITH_USER_PREFERENCE("allFeasibleDsWithUserPreference");

        private final String wireName;

        CandidatePolicy(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<CandidatePolicy> fromWireName(String name) {
            return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
        }

        /** Every vSphere name, for error messages. */
        public static List<String> wireNames() {
            return Arrays.stream(values()).map(CandidatePolicy::wireName).toList();
        }
    }

    /**
     * @param prefix     the JSON path of this object, used in errors (e.g. {@code cluster.heartbeatDatastores})
     * @param datastoreNames every configured datastore name
     * @throws ConfigException naming the field that breaks a rule
     */
    public void validate(String prefix, Set<String> datastoreNames) {
        if (candidatePolicy == null) {
            throw new ConfigException(prefix + ".candidatePolicy", "is required, one of " + CandidatePolicy.wireNames());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < datastores.size(); i++) {
            String name = datastores.get(i);
            String at = prefix + ".datastores[" + i + "]";
            if (name == null || !datastoreNames.contains(name)) {
                throw new ConfigException(at, "names unknown datastore " + name);
            }
            if (!seen.add(name)) {
                throw new ConfigException(at, "duplicate datastore " + name);
            }
        }
        if (candidatePolicy == CandidatePolicy.USER_SELECTED_DS && datastores.isEmpty()) {
            throw new ConfigException(prefix + ".datastores",
                    "must name at least one datastore when candidatePolicy is " + candidatePolicy.wireName());
        }
    }
}
