package io.openfdm.datastore.heartbeat;

import io.openfdm.core.config.HeartbeatDatastorePolicy;
import io.openfdm.core.config.HeartbeatDatastorePolicy.CandidatePolicy;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.model.HostId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatDatastoreSelectionTest {
    // ds-shared: 4 hosts; ds-b: 3 hosts; ds-a: 2 hosts; ds-c: 2 hosts; ds-local: 1 host
    private static final List<HostSpec> HOSTS = List.of(
            host("host-1", "ds-local", "ds-a", "ds-shared", "ds-b"),
            host("host-2", "ds-shared", "ds-b", "ds-c"),
            host("host-3", "ds-shared", "ds-b", "ds-a"),
            host("host-4", "ds-shared", "ds-c"));

    private static HostSpec host(String moid, String... datastores) {
        return new HostSpec(HostId.of(moid), "10.0.7." + moid.substring(5), 8182, List.of(datastores), 1000, 1000);
    }

    private static HeartbeatDatastoreSelection auto(int perHost) {
        return new HeartbeatDatastoreSelection(HOSTS, perHost, HeartbeatDatastorePolicy.defaults());
    }

    @Test
    void ranksDatastoresByHowManyHostsReachThemThenByName() {
        assertThat(auto(2).ranking()).containsExactly("ds-shared", "ds-b", "ds-a", "ds-c", "ds-local");
    }

    @Test
    void automaticChoiceTakesTheBestCoveredDatastoresTheHostReaches() {
        HostSpec h1 = HOSTS.get(0);
        Set<String> all = Set.copyOf(h1.datastores());
        assertThat(auto(2).choose(h1, all)).containsExactly("ds-shared", "ds-b");
        assertThat(auto(3).choose(h1, all)).containsExactly("ds-shared", "ds-b", "ds-a");
        assertThat(auto(5).choose(h1, all)).containsExactly("ds-shared", "ds-b", "ds-a", "ds-local");
    }

    @Test
    void aLostDatastoreIsReplacedByTheNextBest() {
        HostSpec h1 = HOSTS.get(0);
        assertThat(auto(2).choose(h1, Set.of("ds-local", "ds-a", "ds-b"))).containsExactly("ds-b", "ds-a");
        assertThat(auto(2).choose(h1, Set.of("ds-local"))).containsExactly("ds-local");
        assertThat(auto(2).choose(h1, Set.of())).isEmpty();
    }

    @Test
    void datastoresReachedButNotConfiguredForTheHostAreNotChosen() {
        assertThat(auto(2).choose(HOSTS.get(3), Set.of("ds-a", "ds-b", "ds-c"))).containsExactly("ds-c");
    }

    @Test
    void userSelectedDatastoresOnlyNeverAddsOthers() {
        var sel = new HeartbeatDatastoreSelection(HOSTS, 2,
                new HeartbeatDatastorePolicy(CandidatePolicy.USER_SELECTED_DS, List.of("ds-c", "ds-a")));
        assertThat(sel.choose(HOSTS.get(1), Set.copyOf(HOSTS.get(1).datastores()))).containsExactly("ds-c");
        assertThat(sel.choose(HOSTS.get(0), Set.copyOf(HOSTS.get(0).datastores()))).containsExactly("ds-a");
        assertThat(sel.choose(HOSTS.get(0), Set.of("ds-shared", "ds-b"))).isEmpty();
    }

    @Test
    void userPreferenceFirstThenAutomaticFillsUp() {
        var sel = new HeartbeatDatastoreSelection(HOSTS, 3,
                new HeartbeatDatastorePolicy(CandidatePolicy.ALL_FEASIBLE_DS_WITH_USER_PREFERENCE, List.of("ds-local", "ds-c")));
        assertThat(sel.choose(HOSTS.get(0), Set.copyOf(HOSTS.get(0).datastores())))
                .containsExactly("ds-local", "ds-shared", "ds-b");
        assertThat(sel.choose(HOSTS.get(3), Set.copyOf(HOSTS.get(3).datastores()))).containsExactly("ds-c", "ds-shared");
    }

    @Test
    void automaticPolicyIgnoresTheUserList() {
        var sel = new HeartbeatDatastoreSelection(HOSTS, 1,
                new HeartbeatDatastorePolicy(CandidatePolicy.ALL_FEASIBLE_DS, List.of("ds-local")));
        assertThat(sel.choose(HOSTS.get(0), Set.copyOf(HOSTS.get(0).datastores()))).containsExactly("ds-shared");
    }
}
