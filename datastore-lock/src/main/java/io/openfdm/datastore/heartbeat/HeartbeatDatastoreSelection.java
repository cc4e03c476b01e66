package io.openfdm.datastore.heartbeat;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.HeartbeatDatastorePolicy;
import io.openfdm.core.config.HeartbeatDatastorePolicy.CandidatePolicy;
import io.openfdm.core.config.HostSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which datastores a host writes its heartbeat file to ({@code host-<moid>-hb}), and so which the
 * master reads for it. The slave and the master compute it from the same configuration and the
 * same accessible set, so they agree without a message.
 *
 * <p>The rule, after vCenter's (vSphere HA Deepdive, "Datastore heartbeating": "chosen to cover as
 * many hosts as possible"; user-selectable): every configured datastore gets a <em>coverage</em>,
 * the number of members configured to reach it. A host takes, among the datastores it reaches now:
 * <ol>
 *   <li>with {@code userSelectedDs} or {@code allFeasibleDsWithUserPreference}, the user's
 *       datastores in the user's order;</li>
 *   <li>with {@code allFeasibleDs} or {@code allFeasibleDsWithUserPreference}, then the others by
 *       coverage, highest first, ties by name (so the choice is deterministic);</li>
 * </ol>
 * up to {@code heartbeatDatastoresPerHost}. VMware also prefers datastores on different LUNs or
 * NFS servers and VMFS over NFS; our configuration does not describe the storage behind a
 * datastore, so coverage and name decide.
 *
 * <p>Immutable and pure: the coverage is computed once from the configuration.
 */
public final class HeartbeatDatastoreSelection {
    private final int perHost;
    private final HeartbeatDatastorePolicy policy;
    /** Every configured datastore, highest coverage first, then by name. */
    private final List<String> ranking;

    public HeartbeatDatastoreSelection(ClusterConfig config) {
        this(config.hosts(), config.heartbeatDatastoresPerHost(), config.heartbeatDatastores());
    }

    /**
     * @param hosts   the members, with the datastores each is configured to reach
     * @param perHost how many heartbeat datastores per host, 1-5
     * @param policy  the candidate policy and the user's datastores
     */
    public HeartbeatDatastoreSelection(List<HostSpec> hosts, int perHost, HeartbeatDatastorePolicy policy) {
        this.perHost = perHost;
        this.policy = policy;
        Map<String, Integer> coverage = new HashMap<>();
        for (HostSpec h : hosts) {
            for (String ds : new LinkedHashSet<>(h.datastores())) {
                coverage.merge(ds, 1, Integer::sum);
            }
        }
        List<String> ranked = new ArrayList<>(coverage.keySet());
        ranked.sort(Comparator.comparing((String ds) -> -coverage.get(ds)).thenComparing(Comparator.naturalOrder()));
        this.ranking = List.copyOf(ranked);
    }

    /**
     * @param accessible the datastores the host reaches now
     * @return the host's heartbeat datastores, in order of choice; empty when it reaches none
     *         that the policy allows
     */
    public List<String> choose(Set<String> accessible) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        CandidatePolicy p = policy.candidatePolicy();
        if (p != CandidatePolicy.ALL_FEASIBLE_DS) {
            for (String ds : policy.datastores()) {
                if (out.size() < perHost && accessible.contains(ds)) {
                    out.add(ds);
                }
            }
        }
        if (p != CandidatePolicy.USER_SELECTED_DS) {
            for (String ds : ranking) {
                if (out.size() < perHost && accessible.contains(ds)) {
                    out.add(ds);
                }
            }
        }
        return List.copyOf(out);
    }

    /** The heartbeat datastores of {@code host} given what it reaches; empty for a non-member. */
    public List<String> choose(HostSpec host, Set<String> accessible) {
        Set<String> configured = new LinkedHashSet<>(host.datastores());
        configured.retainAll(accessible);
        return choose(configured);
    }

    /** Every configured datastore, highest coverage first, ties by name. */
    public List<String> ranking() {
        return ranking;
    }
}
