package io.openfdm.bridge.config;

import io.openfdm.bridge.api.BridgeException;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.bridge.inventory.ClusterRecord;
import io.openfdm.bridge.inventory.DasVmSettings;
import io.openfdm.bridge.inventory.DatastoreRecord;
import io.openfdm.bridge.inventory.HostRecord;
import io.openfdm.bridge.inventory.Inventory;
import io.openfdm.bridge.inventory.VmRecord;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.Timing;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration builder as a table: an inventory change in, the configuration (or the refusal) out. */
class ConfigBuilderTest {
    private static final ClusterIdentity ID = new ClusterIdentity("5d2b1c3a-7-0badcafe", "ab".repeat(32));
    private static final DatastoreRecord DS0 = new DatastoreRecord("datastore-10", "LocalDS_0", "/tmp/govcsim-ds0");
    private static final DatastoreRecord DS1 = new DatastoreRecord("datastore-11", "nfs-1", "ds:///vmfs/volumes/abc/");
    private static final DatastoreRecord REMOTE = new DatastoreRecord("datastore-12", "vvol", "https://array/vvol");

    /** Two hosts in domain-c7 mounting DS0 and DS1, a third host in another cluster, four VMs. */
    static Inventory base() {
        return new Inventory("5d2b1c3a-1111-2222-3333-444455556666",
                List.of(new ClusterRecord("domain-c7", "prod", List.of("host-21", "host-22"),
                                List.of(new DasVmSettings("vm-31", "high", "powerOff"),
                                        new DasVmSettings("vm-32", "clusterRestartPriority", "clusterIsolationResponse"))),
                        new ClusterRecord("domain-c9", "test", List.of("host-29"), List.of())),
                List.of(host("host-21", "10.0.0.21", "connected", false, List.of("datastore-10", "datastore-11")),
                        host("host-22", "10.0.0.22", "connected", false, List.of("datastore-10")),
                        host("host-29", "10.0.0.29", "connected", false, List.of("datastore-10"))),
                List.of(DS0, DS1, REMOTE),
                List.of(vm("vm-31", "host-21", false), vm("vm-32", "host-22", false), vm("vm-33", "host-21", true),
                        vm("vm-39", "host-29", false)));
    }

    static HostRecord host(String moid, String ip, String state, boolean maintenance, List<String> ds) {
        return new HostRecord(moid, moid + ".lab", ip, state, maintenance, ds, 4 * 2000, 32768);
    }

    static VmRecord vm(String moid, String host, boolean template) {
        return new VmRecord(moid, "name-" + moid, host, "poweredOn", "LocalDS_0", 0, 0, template);
    }

    static ClusterConfig build(Inventory inv, HaSettings settings, boolean enabled, AgentAddresses addresses) {
        return ConfigBuilder.build(new ConfigBuilder.Input(inv, "domain-c7", ID, 4, settings, enabled, addresses));
    }

    static HostSpec spec(String moid, String ip, int port, List<String> ds) {
        return new HostSpec(HostId.of(moid), ip, port, ds, 8000, 32768);
    }

    static VmOverride override(String vm, boolean protect, RestartPriority p) {
        return new VmOverride(VmId.of(vm), protect, p);
    }

    static VmOverride override(String vm, boolean protect, RestartPriority p, IsolationResponse isolation) {
        return new VmOverride(VmId.of(vm), protect, p, isolation);
    }

    static Inventory withHosts(Inventory inv, UnaryOperator<HostRecord> change) {
        return new Inventory(inv.vcenterUuid(), inv.clusters(), inv.hosts().stream().map(change).toList(), inv.datastores(), inv.vms());
    }

    static Inventory withDasVmConfig(Inventory inv, List<DasVmSettings> das) {
        return new Inventory(inv.vcenterUuid(), inv.clusters().stream()
                .map(c -> c.moid().equals("domain-c7") ? new ClusterRecord(c.moid(), c.name(), c.hosts(), das) : c).toList(),
                inv.hosts(), inv.datastores(), inv.vms());
    }

    record Row(String story, Inventory inventory, HaSettings settings, boolean enabled, AgentAddresses addresses,
               List<HostSpec> hosts, List<VmOverride> vms, HaPolicy policy) {
        Row(String story, Inventory inventory, HaSettings settings, boolean enabled, AgentAddresses addresses,
            List<HostSpec> hosts, List<VmOverride> vms) {
            this(story, inventory, settings, enabled, addresses, hosts, vms, HaPolicy.defaults());
        }

        @Override
        public String toString() {
            return story;
        }
    }

    static Stream<Row> rows() {
        HaSettings defaults = HaSettings.defaults();
        List<HostSpec> twoHosts = List.of(spec("host-21", "10.0.0.21", 8182, List.of("LocalDS_0", "nfs-1")),
                spec("host-22", "10.0.0.22", 8182, List.of("LocalDS_0")));
        return Stream.of(
                new Row("enabled: own dasVmConfig priority, cluster default for the rest, templates and other clusters left out",
                        base(), defaults, true, AgentAddresses.none(), twoHosts,
                        List.of(override("vm-31", true, RestartPriority.HIGH, IsolationResponse.POWER_OFF), override("vm-32", true, RestartPriority.MEDIUM))),
                new Row("the cluster default priority comes from the settings",
                        base(), new HaSettings(true, "low", "none", true, 2, "default"), true, AgentAddresses.none(), twoHosts,
                        List.of(override("vm-31", true, RestartPriority.HIGH, IsolationResponse.POWER_OFF), override("vm-32", true, RestartPriority.LOW))),
                new Row("disabled: same members, nothing protected",
                        base(), defaults, false, AgentAddresses.none(), twoHosts,
                        List.of(override("vm-31", false, RestartPriority.HIGH, IsolationResponse.POWER_OFF), override("vm-32", false, RestartPriority.MEDIUM))),
                new Row("host monitoring off: VMs stay protected, the policy tells the master to restart none",
                        base(), new HaSettings(false, "medium", "none", true, 2, "default"), true, AgentAddresses.none(), twoHosts,
                        List.of(override("vm-31", true, RestartPriority.HIGH, IsolationResponse.POWER_OFF),
                                override("vm-32", true, RestartPriority.MEDIUM)),
                        new HaPolicy(false, IsolationResponse.NONE, true)),
                new Row("cluster isolation response and admission control come from the settings",
                        base(), new HaSettings(true, "medium", "shutdown", false, 2, "default"), true, AgentAddresses.none(), twoHosts,
                        List.of(override("vm-31", true, RestartPriority.HIGH, IsolationResponse.POWER_OFF),
                                override("vm-32", true, RestartPriority.MEDIUM)),
                        new HaPolicy(true, IsolationResponse.SHUTDOWN, false)),
                new Row("per-VM isolation response: its own is kept, clusterIsolationResponse leaves the cluster's (null)",
                        withDasVmConfig(base(), List.of(new DasVmSettings("vm-31", "", "shutdown"),
                                new DasVmSettings("vm-32", "", "clusterIsolationResponse"))),
                        defaults, true, AgentAddresses.none(), twoHosts,
                        List.of(override("vm-31", true, RestartPriority.MEDIUM, IsolationResponse.SHUTDOWN),
                                override("vm-32", true, RestartPriority.MEDIUM))),
                new Row("an isolation response vCenter spells oddly falls back to the cluster's",
                        withDasVmConfig(base(), List.of(new DasVmSettings("vm-31", "high", "reboot"),
                                new DasVmSettings("vm-32", "low", null))),
                        defaults, true, AgentAddresses.none(), twoHosts,
                        List.of(override("vm-31", true, RestartPriority.HIGH), override("vm-32", true, RestartPriority.LOW))),
                new Row("an --agent-address override wins over the management IP",
                        base(), defaults, true, AgentAddresses.parse(List.of("host-22=127.0.0.12:9000")),
                        List.of(twoHosts.get(0), spec("host-22", "127.0.0.12", 9000, List.of("LocalDS_0"))),
                        List.of(override("vm-31", true, RestartPriority.HIGH, IsolationResponse.POWER_OFF), override("vm-32", true, RestartPriority.MEDIUM))),
                new Row("a host in maintenance mode stays a member, in maintenance mode (vCenter's runtime.inMaintenanceMode)",
                        withHosts(base(), h -> h.moid().equals("host-22") ? host("host-22", "10.0.0.22", "connected", true,
                                h.datastores()) : h), defaults, true, AgentAddresses.none(),
                        List.of(twoHosts.get(0), twoHosts.get(1).withMode(io.openfdm.core.model.HostMode.MAINTENANCE)),
                        List.of(override("vm-31", true, RestartPriority.HIGH, IsolationResponse.POWER_OFF), override("vm-32", true, RestartPriority.MEDIUM))),
                new Row("a disconnected host is not a member; a notResponding one is",
                        withHosts(base(), h -> h.moid().equals("host-21") ? host("host-21", "10.0.0.21", "disconnected", false,
                                h.datastores()) : h.moid().equals("host-22") ? host("host-22", "10.0.0.22", "notResponding", false,
                                h.datastores()) : h), defaults, true, AgentAddresses.none(), List.of(twoHosts.get(1)),
                        List.of(override("vm-31", true, RestartPriority.HIGH, IsolationResponse.POWER_OFF), override("vm-32", true, RestartPriority.MEDIUM))),
                new Row("a datastore without a local path is left out",
                        withHosts(base(), h -> h.moid().equals("host-22") ? host("host-22", "10.0.0.22", "connected", false,
                                List.of("datastore-10", "datastore-12")) : h), defaults, true, AgentAddresses.none(), twoHosts,
                        List.of(override("vm-31", true, RestartPriority.HIGH, IsolationResponse.POWER_OFF), override("vm-32", true, RestartPriority.MEDIUM))),
                new Row("a priority vCenter spells oddly falls back to the cluster default; disabled is kept",
                        withDasVmConfig(base(), List.of(new DasVmSettings("vm-31", "urgent", ""), new DasVmSettings("vm-32", "disabled", ""))),
                        defaults, true, AgentAddresses.none(), twoHosts,
                        List.of(override("vm-31", true, RestartPriority.MEDIUM), override("vm-32", true, RestartPriority.DISABLED))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void buildsTheConfigurationForEachRow(Row row) {
        ClusterConfig c = build(row.inventory(), row.settings(), row.enabled(), row.addresses());
        assertThat(c.clusterId()).isEqualTo(ID.clusterId());
        assertThat(c.keyHex()).isEqualTo(ID.keyHex());
        assertThat(c.version()).isEqualTo(4);
        assertThat(c.hosts()).containsExactlyElementsOf(row.hosts());
        assertThat(c.vmOverrides()).containsExactlyElementsOf(row.vms());
        List<DatastoreSpec> all = List.of(new DatastoreSpec("LocalDS_0", "/tmp/govcsim-ds0"),
                new DatastoreSpec("nfs-1", "/vmfs/volumes/abc"));
        // a datastore is in the configuration when a member mounts it
        assertThat(c.datastores()).containsExactlyElementsOf(all.stream()
                .filter(d -> row.hosts().stream().anyMatch(h -> h.datastores().contains(d.name()))).toList());
        assertThat(c.heartbeatDatastoresPerHost()).isEqualTo(row.settings().heartbeatDatastoresPerHost());
        assertThat(c.haPolicy()).isEqualTo(row.policy());
    }

    static Stream<Arguments> refusals() {
        HaSettings defaults = HaSettings.defaults();
        return Stream.of(
                Arguments.of("a host without management IP or override",
                        withHosts(base(), h -> h.moid().equals("host-22") ? host("host-22", "", "connected", false, h.datastores()) : h),
                        defaults, AgentAddresses.none(), BridgeException.Kind.INVALID,
                        "host host-22 (host-22.lab) has no management IP and no --agent-address"),
                Arguments.of("two hosts on one address (every vcsim host reports 127.0.0.1)",
                        withHosts(base(), h -> host(h.moid(), "127.0.0.1", "connected", false, h.datastores())),
                        defaults, AgentAddresses.none(), BridgeException.Kind.INVALID, "127.0.0.1:8182 is used by another host"),
                Arguments.of("no host left",
                        withHosts(base(), h -> host(h.moid(), h.managementAddress(), "disconnected", false, h.datastores())),
                        defaults, AgentAddresses.none(), BridgeException.Kind.INVALID, "no connected host"),
                Arguments.of("bad settings name the field",
                        base(), new HaSettings(true, "urgent", "none", true, 2, "default"), AgentAddresses.none(),
                        BridgeException.Kind.INVALID, "settings.defaultRestartPriority: must be one of"),
                Arguments.of("heartbeat datastores out of range",
                        base(), new HaSettings(true, "high", "none", true, 6, "default"), AgentAddresses.none(),
                        BridgeException.Kind.INVALID, "settings.heartbeatDatastoresPerHost: must be 1-5"),
                Arguments.of("an unknown isolation response",
                        base(), new HaSettings(true, "high", "reboot", true, 2, "default"), AgentAddresses.none(),
                        BridgeException.Kind.INVALID, "settings.isolationResponse"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesAClusterItCannotProtect(String story, Inventory inv, HaSettings settings, AgentAddresses addresses,
                                        BridgeException.Kind kind, String message) {
        assertThatThrownBy(() -> build(inv, settings, true, addresses))
                .isInstanceOfSatisfying(BridgeException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageContaining(message);
    }

    @Test
    void anUnknownClusterIsNotFound() {
        assertThatThrownBy(() -> ConfigBuilder.build(new ConfigBuilder.Input(base(), "domain-c99", ID, 1, HaSettings.defaults(),
                true, AgentAddresses.none())))
                .isInstanceOfSatisfying(BridgeException.class, e -> assertThat(e.kind()).isEqualTo(BridgeException.Kind.NOT_FOUND));
    }

    @Test
    void theTimerProfileComesFromTheSettings() {
        assertThat(build(base(), HaSettings.defaults(), true, AgentAddresses.none()).timing()).isEqualTo(Timing.defaults());
        assertThat(build(base(), new HaSettings(true, "medium", "none", true, 3, "aggressive"), true, AgentAddresses.none()).timing())
                .isEqualTo(Timing.aggressive());
    }

    @Test
    void theFingerprintIgnoresTheVersionAndSeesEveryChange() {
        ClusterConfig c = build(base(), HaSettings.defaults(), true, AgentAddresses.none());
        String print = ConfigBuilder.fingerprint(c);
        assertThat(ConfigBuilder.fingerprint(ConfigBuilder.withVersion(c, 99))).isEqualTo(print);
        assertThat(ConfigBuilder.fingerprint(build(base(), HaSettings.defaults(), true, AgentAddresses.none()))).isEqualTo(print);
        Inventory priorityChanged = withDasVmConfig(base(), List.of(new DasVmSettings("vm-31", "low", "")));
        assertThat(ConfigBuilder.fingerprint(build(priorityChanged, HaSettings.defaults(), true, AgentAddresses.none())))
                .isNotEqualTo(print);
        assertThat(ConfigBuilder.fingerprint(build(base(), HaSettings.defaults(), false, AgentAddresses.none()))).isNotEqualTo(print);
        for (HaSettings changed : List.of(new HaSettings(false, "medium", "none", true, 2, "default"),
                new HaSettings(true, "medium", "powerOff", true, 2, "default"),
                new HaSettings(true, "medium", "none", false, 2, "default"))) {
            assertThat(ConfigBuilder.fingerprint(build(base(), changed, true, AgentAddresses.none())))
                    .as("an HA policy change is a new version: %s", changed).isNotEqualTo(print);
        }
        Inventory isolationChanged = withDasVmConfig(base(), List.of(new DasVmSettings("vm-31", "high", "shutdown"),
                new DasVmSettings("vm-32", "clusterRestartPriority", "clusterIsolationResponse")));
        assertThat(ConfigBuilder.fingerprint(build(isolationChanged, HaSettings.defaults(), true, AgentAddresses.none())))
                .as("a per-VM isolation response change is a new version").isNotEqualTo(print);
        Inventory moved = new Inventory(base().vcenterUuid(), base().clusters(), base().hosts(), base().datastores(),
                base().vms().stream().map(v -> v.moid().equals("vm-31") ? vm("vm-31", "host-22", false) : v).toList());
        assertThat(ConfigBuilder.fingerprint(build(moved, HaSettings.defaults(), true, AgentAddresses.none())))
                .as("a VM moving between hosts of the cluster does not change what the agents are told").isEqualTo(print);
    }

    @Test
    void agentAddressOverridesAreParsedStrictly() {
        assertThat(AgentAddresses.parse(List.of("host-21=127.0.0.11", "host-22=127.0.0.12:8200")).overrides())
                .isEqualTo(Map.of("host-21", new AgentAddress("127.0.0.11", 8182), "host-22", new AgentAddress("127.0.0.12", 8200)));
        assertThatThrownBy(() -> AgentAddresses.parse(List.of("host-21"))).hasMessageContaining("expected HOST-MOID=IP[:PORT]");
        assertThatThrownBy(() -> AgentAddresses.parse(List.of("host-21=127.0.0.300"))).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> AgentAddresses.parse(List.of("host-21=127.0.0.1:0"))).hasMessageContaining("port must be 1-65535");
        assertThatThrownBy(() -> AgentAddresses.parse(List.of("host-21=127.0.0.1", "host-21=127.0.0.2"))).hasMessageContaining("twice");
    }

    @Test
    void datastoreUrlsMapToLocalPaths() {
        assertThat(DatastorePaths.localPath("ds:///vmfs/volumes/5d2b-aa/")).contains("/vmfs/volumes/5d2b-aa");
        assertThat(DatastorePaths.localPath("file:///srv/ds1")).contains("/srv/ds1");
        assertThat(DatastorePaths.localPath("/tmp/govcsim-DC0-LocalDS_0-123")).contains("/tmp/govcsim-DC0-LocalDS_0-123");
        assertThat(DatastorePaths.localPath("https://array/vvol")).isEmpty();
        assertThat(DatastorePaths.localPath("")).isEmpty();
    }

    @Test
    void clusterIdsFollowFdmsShapeAndNeverRepeat() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        ClusterIdentity a = ClusterIdentity.create("5D2B1C3A-1111-2222", "domain-c7", random);
        ClusterIdentity b = ClusterIdentity.create("5D2B1C3A-1111-2222", "domain-c7", random);
        assertThat(a.clusterId()).matches("5d2b1c3a-7-[0-9a-f]{8}");
        assertThat(a.clusterId()).isNotEqualTo(b.clusterId());
        assertThat(a.keyHex()).matches("[0-9a-f]{64}").isNotEqualTo(b.keyHex());
    }
}
