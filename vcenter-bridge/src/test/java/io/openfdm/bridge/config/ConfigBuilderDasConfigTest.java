package io.openfdm.bridge.config;

import com.vmware.vim25.ClusterDasConfigInfo;
import com.vmware.vim25.ClusterDasVmSettings;
import com.vmware.vim25.ClusterFailoverHostAdmissionControlPolicy;
import com.vmware.vim25.ClusterVmToolsMonitoringSettings;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.OptionValue;
import io.openfdm.bridge.api.BridgeException;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.bridge.inventory.ClusterRecord;
import io.openfdm.bridge.inventory.DasVmSettings;
import io.openfdm.bridge.inventory.Inventory;
import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.HeartbeatDatastorePolicy;
import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.vsphere.soap.PlainValues;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ConfigBuilder} with a {@code dasConfig} from vCenter (built with yavijava): the HA policy,
 * default priority and heartbeat datastores come from vCenter instead of the stored settings; a
 * VM's own {@code vmToolsMonitoringSettings} reach its override; host modes reach the hosts.
 */
class ConfigBuilderDasConfigTest {
    private static final ClusterIdentity ID = new ClusterIdentity("5d2b1c3a-7-0badcafe", "ab".repeat(32));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plain(Object o) {
        return (Map<String, Object>) PlainValues.plain(o);
    }

    private static ClusterDasConfigInfo das() {
        ClusterDasConfigInfo das = new ClusterDasConfigInfo();
        das.setEnabled(false);
        das.setHostMonitoring("enabled");
        das.setVmMonitoring("vmMonitoringOnly");
        ClusterDasVmSettings defaults = new ClusterDasVmSettings();
        defaults.setRestartPriority("low");
        defaults.setIsolationResponse("powerOff");
        ClusterVmToolsMonitoringSettings tools = new ClusterVmToolsMonitoringSettings();
        tools.setFailureInterval(60);
        tools.setMinUpTime(120);
        tools.setMaxFailures(3);
        tools.setMaxFailureWindow(86_400);
        defaults.setVmToolsMonitoringSettings(tools);
        das.setDefaultVmSettings(defaults);
        OptionValue address = new OptionValue();
        address.setKey("das.isolationaddress0");
        address.setValue("10.0.0.254");
        das.setOption(new OptionValue[] {address});
        das.setAdmissionControlEnabled(true);
        ClusterFailoverHostAdmissionControlPolicy hosts = new ClusterFailoverHostAdmissionControlPolicy();
        ManagedObjectReference h22 = new ManagedObjectReference();
        h22.setType("HostSystem");
        h22.setVal("host-22");
        hosts.setFailoverHosts(new ManagedObjectReference[] {h22});
        das.setAdmissionControlPolicy(hosts);
        ManagedObjectReference ds = new ManagedObjectReference();
        ds.setType("Datastore");
        ds.setVal("datastore-11");
        das.setHeartbeatDatastore(new ManagedObjectReference[] {ds});
        das.setHBDatastoreCandidatePolicy("userSelectedDs");
        return das;
    }

    private static Inventory withDas(Inventory inv, ClusterDasConfigInfo das, List<DasVmSettings> vms) {
        return new Inventory(inv.vcenterUuid(), inv.clusters().stream().map(c -> c.moid().equals("domain-c7")
                ? new ClusterRecord(c.moid(), c.name(), c.hosts(), vms, plain(das)) : c).toList(),
                inv.hosts(), inv.datastores(), inv.vms());
    }

    private static ClusterConfig build(Inventory inv) {
        return ConfigBuilder.build(new ConfigBuilder.Input(inv, "domain-c7", ID, 4, HaSettings.defaults(), true,
                AgentAddresses.none()));
    }

    @Test
    void vcentersDasConfigReplacesTheStoredSettings() {
        ClusterVmToolsMonitoringSettings off = new ClusterVmToolsMonitoringSettings();
        off.setClusterSettings(false);
        off.setVmMonitoring("vmMonitoringDisabled");
        ClusterConfig c = build(withDas(ConfigBuilderTest.base(), das(), List.of(
                new DasVmSettings("vm-31", "high", "", plain(off)),
                new DasVmSettings("vm-32", "", "shutdown"))));

        VmMonitoringPolicy cluster = new VmMonitoringPolicy(true, 60_000, 120_000, 3, 86_400_000);
        assertThat(c.haPolicy().hostMonitoring()).isTrue();
        assertThat(c.haPolicy().isolationResponse()).isEqualTo(IsolationResponse.POWER_OFF);
        assertThat(c.haPolicy().isolation()).isEqualTo(new IsolationPolicy(List.of("10.0.0.254"), true, 30_000, 300_000));
        assertThat(c.haPolicy().vmMonitoring()).isEqualTo(cluster);
        assertThat(c.haPolicy().admissionControlPolicy())
                .isEqualTo(AdmissionControlPolicy.failoverHosts(1, List.of(HostId.of("host-22"))));
        assertThat(c.heartbeatDatastores()).isEqualTo(new HeartbeatDatastorePolicy(
                HeartbeatDatastorePolicy.CandidatePolicy.USER_SELECTED_DS, List.of("nfs-1")));
        assertThat(c.override(VmId.of("vm-31")).orElseThrow().vmMonitoring())
                .isEqualTo(new VmMonitoringPolicy(false, 60_000, 120_000, 3, 86_400_000));
        assertThat(c.override(VmId.of("vm-31")).orElseThrow().priority()).isEqualTo(RestartPriority.HIGH);
        assertThat(c.override(VmId.of("vm-32")).orElseThrow().priority()).as("vCenter's default priority")
                .isEqualTo(RestartPriority.LOW);
        assertThat(c.override(VmId.of("vm-32")).orElseThrow().vmMonitoring()).isNull();
        // the version fingerprint keeps what vCenter set (heartbeat datastores included)
        assertThat(ConfigBuilder.withVersion(c, 9).heartbeatDatastores()).isEqualTo(c.heartbeatDatastores());
    }

    @Test
    void hostsInMaintenanceOrStandbyStayMembersWithTheirMode() {
        Inventory inv = ConfigBuilderTest.withHosts(ConfigBuilderTest.base(), h -> switch (h.moid()) {
            case "host-21" -> new io.openfdm.bridge.inventory.HostRecord(h.moid(), h.name(), h.managementAddress(),
                    h.connectionState(), false, h.datastores(), h.cpuMhz(), h.memoryMb(), "standBy");
            case "host-22" -> new io.openfdm.bridge.inventory.HostRecord(h.moid(), h.name(), h.managementAddress(),
                    h.connectionState(), true, h.datastores(), h.cpuMhz(), h.memoryMb(), "poweredOn");
            default -> h;
        });
        ClusterConfig c = build(inv);
        assertThat(c.hosts()).extracting(h -> h.id().moid() + "=" + h.mode())
                .containsExactly("host-21=STANDBY", "host-22=MAINTENANCE");
        ClusterConfig before = build(ConfigBuilderTest.base());
        assertThat(before.hosts()).allSatisfy(h -> assertThat(h.mode()).isEqualTo(HostMode.NORMAL));
        assertThat(ConfigBuilder.withVersion(c, 5).differsOnlyInOverrides(ConfigBuilder.withVersion(before, 4)))
                .as("entering maintenance in vCenter is applied without an election").isTrue();
    }

    @Test
    void aValueOpenFdmCannotUseKeepsTheClusterUnbuiltAndSaysWhich() {
        ClusterDasConfigInfo bad = das();
        OptionValue o = new OptionValue();
        o.setKey("das.isolationShutdownTimeout");
        o.setValue("-1");
        bad.setOption(new OptionValue[] {o});
        assertThatThrownBy(() -> build(withDas(ConfigBuilderTest.base(), bad, List.of())))
                .isInstanceOfSatisfying(BridgeException.class, e -> assertThat(e.kind()).isEqualTo(BridgeException.Kind.INVALID))
                .hasMessage("cluster domain-c7 (prod) cannot be protected: vCenter's HA configuration: "
                        + "configurationEx.dasConfig.option[das.isolationShutdownTimeout]: must be > 0 seconds, was -1");
        ClusterVmToolsMonitoringSettings wrong = new ClusterVmToolsMonitoringSettings();
        wrong.setClusterSettings(false);
        wrong.setFailureInterval(-30);
        assertThatThrownBy(() -> build(withDas(ConfigBuilderTest.base(), das(), List.of(new DasVmSettings("vm-31", "", "",
                plain(wrong)))))).hasMessageContaining(
                "configurationEx.dasVmConfig[vm-31].dasSettings.vmToolsMonitoringSettings.failureInterval: must be > 0 seconds");
    }
}
