package io.openfdm.core.config;

import io.openfdm.core.model.HostId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterConfigTest {
    private static final String KEY = "ab".repeat(32);

    private static HostSpec host(String moid, String address, String... ds) {
        return new HostSpec(HostId.of(moid), address, 8182, List.of(ds), 1000, 1000);
    }

    private static ClusterConfig config(List<HostSpec> hosts) {
        return new ClusterConfig("c1", 1, KEY, hosts, List.of(new DatastoreSpec("ds-1", "/d1")), List.of(), 2,
                Timing.defaults());
    }

    @Test
    void validConfigPasses() {
        ClusterConfig c = config(List.of(host("host-1", "127.0.0.11", "ds-1"), host("host-2", "127.0.0.12", "ds-1")));
        assertThat(c.validate()).isSameAs(c);
        assertThat(c.key()).hasSize(32);
    }

    @Test
    void errorsNameTheFieldAndTheRule() {
        assertThatThrownBy(() -> config(List.of(host("host-1", "127.0.0.11", "ds-9"))).validate())
                .isInstanceOf(ConfigException.class)
                .hasMessage("cluster.hosts[0].datastores[0]: names unknown datastore ds-9");
        assertThatThrownBy(() -> config(List.of(host("host-1", "127.0.0.11"), host("host-1", "127.0.0.12"))).validate())
                .hasMessageStartingWith("cluster.hosts[1].moid: duplicate");
        assertThatThrownBy(() -> config(List.of(host("host-1", "127.0.0.11"), host("host-2", "127.0.0.11"))).validate())
                .hasMessageStartingWith("cluster.hosts[1].address:");
        assertThatThrownBy(() -> new ClusterConfig("c 1", 1, KEY, List.of(host("host-1", "a")), List.of(), List.of(), 2,
                Timing.defaults()).validate()).hasMessageStartingWith("cluster.clusterId:");
        assertThatThrownBy(() -> new ClusterConfig("c1", 1, "abc", List.of(host("host-1", "a")), List.of(), List.of(), 2,
                Timing.defaults()).validate()).hasMessageStartingWith("cluster.keyHex:");
        assertThatThrownBy(() -> new ClusterConfig("c1", 1, KEY, List.of(host("host-1", "a")), List.of(), List.of(), 6,
                Timing.defaults()).validate()).hasMessageStartingWith("cluster.heartbeatDatastoresPerHost:");
    }

    @Test
    void heartbeatDatastorePolicyIsValidatedAndAChangeOfItIsAReconfiguration() {
        ClusterConfig base = config(List.of(host("host-1", "127.0.0.11", "ds-1")));
        assertThat(base.heartbeatDatastores()).isEqualTo(HeartbeatDatastorePolicy.defaults());
        java.util.function.Function<HeartbeatDatastorePolicy, ClusterConfig> with = p -> new ClusterConfig("c1", 2, KEY,
                base.hosts(), base.datastores(), base.vmOverrides(), 2, Timing.defaults(), base.haPolicy(), p);
        HeartbeatDatastorePolicy pinned = new HeartbeatDatastorePolicy(
                HeartbeatDatastorePolicy.CandidatePolicy.USER_SELECTED_DS, List.of("ds-1"));
        assertThat(with.apply(pinned).validate().heartbeatDatastores()).isEqualTo(pinned);
        assertThat(with.apply(pinned).differsOnlyInOverrides(base)).isFalse();
        assertThatThrownBy(() -> with.apply(new HeartbeatDatastorePolicy(
                HeartbeatDatastorePolicy.CandidatePolicy.USER_SELECTED_DS, List.of())).validate())
                .hasMessage("cluster.heartbeatDatastores.datastores: must name at least one datastore when"
                        + " candidatePolicy is userSelectedDs");
        assertThatThrownBy(() -> with.apply(new HeartbeatDatastorePolicy(
                HeartbeatDatastorePolicy.CandidatePolicy.ALL_FEASIBLE_DS_WITH_USER_PREFERENCE, List.of("ds-1", "ds-2")))
                .validate()).hasMessage("cluster.heartbeatDatastores.datastores[1]: names unknown datastore ds-2");
        assertThatThrownBy(() -> with.apply(new HeartbeatDatastorePolicy(null, List.of())).validate())
                .hasMessageStartingWith("cluster.heartbeatDatastores.candidatePolicy: is required");
    }

    @Test
    void onlyOverrideChangesAreAppliedInPlace() {
        ClusterConfig base = config(List.of(host("host-1", "127.0.0.11", "ds-1")));
        ClusterConfig priority = new ClusterConfig("c1", 2, KEY, base.hosts(), base.datastores(),
                List.of(new VmOverride(io.openfdm.core.model.VmId.of("vm-1"), true,
                        io.openfdm.core.model.RestartPriority.HIGH)), 2, Timing.defaults());
        ClusterConfig newHost = config(List.of(host("host-1", "127.0.0.11", "ds-1"), host("host-2", "127.0.0.12")));
        ClusterConfig newTiming = new ClusterConfig("c1", 2, KEY, base.hosts(), base.datastores(), List.of(), 2,
                Timing.aggressive());
        assertThat(priority.differsOnlyInOverrides(base)).isTrue();
        assertThat(newHost.differsOnlyInOverrides(base)).isFalse();
        assertThat(newTiming.differsOnlyInOverrides(base)).isFalse();
        ClusterConfig bareBump = new ClusterConfig("c1", 2, KEY, base.hosts(), base.datastores(), List.of(), 2,
                Timing.defaults());
        assertThat(bareBump.differsOnlyInOverrides(base)).as("a bare version bump re-elects").isFalse();
    }

    @Test
    void haPolicyChangeReElectsAndPerVmIsolationResponseIsAnOverride() {
        ClusterConfig base = config(List.of(host("host-1", "127.0.0.11", "ds-1")));
        assertThat(base.haPolicy()).as("the 8-argument constructor keeps vSphere's defaults").isEqualTo(HaPolicy.defaults());
        assertThat(HaPolicy.defaults()).isEqualTo(new HaPolicy(true, IsolationResponse.NONE, true));
        ClusterConfig noMonitoring = new ClusterConfig("c1", 2, KEY, base.hosts(), base.datastores(), List.of(), 2,
                Timing.defaults(), new HaPolicy(false, IsolationResponse.NONE, true));
        ClusterConfig powerOff = new ClusterConfig("c1", 2, KEY, base.hosts(), base.datastores(), List.of(), 2,
                Timing.defaults(), new HaPolicy(true, IsolationResponse.POWER_OFF, true));
        assertThat(noMonitoring.differsOnlyInOverrides(base)).isFalse();
        assertThat(powerOff.differsOnlyInOverrides(base)).isFalse();

        VmOverride keepsClusterResponse = new VmOverride(io.openfdm.core.model.VmId.of("vm-1"), true, null);
        assertThat(keepsClusterResponse.isolationResponse()).isNull();
        ClusterConfig withOverride = new ClusterConfig("c1", 2, KEY, base.hosts(), base.datastores(),
                List.of(keepsClusterResponse), 2, Timing.defaults());
        ClusterConfig vmShutdown = new ClusterConfig("c1", 3, KEY, base.hosts(), base.datastores(),
                List.of(new VmOverride(io.openfdm.core.model.VmId.of("vm-1"), true, null, IsolationResponse.SHUTDOWN)), 2,
                Timing.defaults());
        assertThat(vmShutdown.differsOnlyInOverrides(withOverride)).isTrue();
    }

    @Test
    void missingIsolationResponseIsNamedAndAMissingPolicyIsTheDefault() {
        ClusterConfig c = new ClusterConfig("c1", 1, KEY, List.of(host("host-1", "127.0.0.11")), List.of(), List.of(), 2,
                Timing.defaults(), new HaPolicy(true, null, true));
        assertThatThrownBy(c::validate).isInstanceOf(ConfigException.class)
                .hasMessage("cluster.ha.isolationResponse: is required, one of [none, powerOff, shutdown]");
        assertThat(new ClusterConfig("c1", 1, KEY, List.of(host("host-1", "127.0.0.11")), List.of(), List.of(), 2,
                Timing.defaults(), null).haPolicy()).as("a configuration stored without a policy").isEqualTo(HaPolicy.defaults());
    }

    @Test
    void isolationResponsesUseVsphereNames() {
        assertThat(IsolationResponse.wireNames()).containsExactly("none", "powerOff", "shutdown");
        assertThat(IsolationResponse.fromWireName("powerOff")).contains(IsolationResponse.POWER_OFF);
        assertThat(IsolationResponse.fromWireName("POWER_OFF")).isEmpty();
        assertThat(IsolationResponse.fromWireName(null)).isEmpty();
        assertThat(IsolationResponse.of("shutdown")).isEqualTo(IsolationResponse.SHUTDOWN);
        assertThatThrownBy(() -> IsolationResponse.of("off")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("isolation response must be one of [none, powerOff, shutdown], was off");
    }
}
