package io.openfdm.bridge.dasconfig;

import com.vmware.vim25.ClusterDasConfigInfo;
import com.vmware.vim25.ClusterFailoverHostAdmissionControlPolicy;
import com.vmware.vim25.ClusterFailoverLevelAdmissionControlPolicy;
import com.vmware.vim25.ClusterFailoverResourcesAdmissionControlPolicy;
import com.vmware.vim25.ClusterFixedSizeSlotPolicy;
import com.vmware.vim25.ManagedObjectReference;
import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.HeartbeatDatastorePolicy;
import io.openfdm.core.config.HeartbeatDatastorePolicy.CandidatePolicy;
import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static io.openfdm.bridge.dasconfig.YavijavaObjects.dasConfig;
import static io.openfdm.bridge.dasconfig.YavijavaObjects.plain;
import static io.openfdm.bridge.dasconfig.YavijavaObjects.ref;
import static io.openfdm.bridge.dasconfig.YavijavaObjects.tools;
import static io.openfdm.bridge.dasconfig.YavijavaObjects.withOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link DasConfigMapping} over vSphere's {@code ClusterDasConfigInfo}, built with yavijava. */
class DasConfigMappingTest {
    private static final Set<HostId> MEMBERS = Set.of(HostId.of("host-21"), HostId.of("host-22"), HostId.of("host-23"));
    private static final Map<String, String> DATASTORES = Map.of("datastore-10", "LocalDS_0", "datastore-11", "nfs-1");

    private static MappedHaConfig map(ClusterDasConfigInfo das) {
        return DasConfigMapping.map(plain(das), MEMBERS, DATASTORES);
    }

    private static MappedHaConfig map(Consumer<ClusterDasConfigInfo> change) {
        ClusterDasConfigInfo das = dasConfig();
        change.accept(das);
        return map(das);
    }

    private static DasConfigException error(Consumer<ClusterDasConfigInfo> change) {
        DasConfigException e = catchThrowableOfType(DasConfigException.class, () -> map(change));
        assertThat(e).as("expected a DasConfigException").isNotNull();
        return e;
    }

    @Test
    void vcentersDefaultsGiveVmwaresDefaults() {
        MappedHaConfig m = map(dasConfig());
        assertThat(m.defaultRestartPriority()).isEqualTo(RestartPriority.MEDIUM);
        assertThat(m.policy().hostMonitoring()).isTrue();
        assertThat(m.policy().isolationResponse()).isEqualTo(IsolationResponse.NONE);
        assertThat(m.policy().isolation()).isEqualTo(IsolationPolicy.defaults());
        assertThat(m.policy().vmMonitoring().enabled()).isFalse();
        assertThat(m.policy().admissionControl()).isTrue();
        assertThat(m.policy().admissionControlPolicy()).as("none written").isNull();
        assertThat(m.heartbeatDatastoresPerHost()).isEqualTo(2);
        assertThat(m.heartbeatDatastores()).isEqualTo(HeartbeatDatastorePolicy.defaults());
    }

    @Test
    void vcsimsEmptyDasConfigIsNotReported() {
        assertThat(DasConfigMapping.reported(plain(new ClusterDasConfigInfo()))).isFalse();
        assertThat(DasConfigMapping.reported(Map.of())).isFalse();
        assertThat(DasConfigMapping.reported(plain(dasConfig()))).isTrue();
    }

    @Test
    void hostMonitoringAndTheDefaultRestartPriority() {
        MappedHaConfig m = map(d -> {
            d.setHostMonitoring("disabled");
            d.getDefaultVmSettings().setRestartPriority("high");
        });
        assertThat(m.policy().hostMonitoring()).isFalse();
        assertThat(m.defaultRestartPriority()).isEqualTo(RestartPriority.HIGH);
        assertThat(error(d -> d.setHostMonitoring("sometimes")).field()).isEqualTo("configurationEx.dasConfig.hostMonitoring");
        assertThat(error(d -> d.getDefaultVmSettings().setRestartPriority("clusterRestartPriority")).field())
                .isEqualTo("configurationEx.dasConfig.defaultVmSettings.restartPriority");
    }

    @Test
    void isolationAdvancedOptionsAndResponse() {
        MappedHaConfig m = map(d -> {
            withOptions(d, "das.isolationaddress2", "10.0.0.3", "das.isolationAddress0", "10.0.0.1",
                    "das.isolationaddress1", "gw.lab", "das.usedefaultisolationaddress", "FALSE",
                    "das.isolationShutdownTimeout", "120", "das.config.fdm.isolationPolicyDelaySec", "45");
            d.getDefaultVmSettings().setIsolationResponse("shutdown");
        });
        assertThat(m.policy().isolation()).isEqualTo(new IsolationPolicy(List.of("10.0.0.1", "gw.lab", "10.0.0.3"), false,
                45_000, 120_000));
        assertThat(m.policy().isolationResponse()).isEqualTo(IsolationResponse.SHUTDOWN);
        assertThat(map(d -> d.getDefaultVmSettings().setIsolationResponse("powerOff")).policy().isolationResponse())
                .isEqualTo(IsolationResponse.POWER_OFF);
    }

    @Test
    void aPolicyDelayBelowVmwaresMinimumIsRaisedTo30Seconds() {
        assertThat(map(d -> withOptions(d, "das.config.fdm.isolationPolicyDelaySec", "10")).policy().isolation()
                .policyDelayMs()).isEqualTo(30_000);
    }

    @Test
    void isolationValuesOutsideWhatVsphereReadsNameTheirOption() {
        assertThat(error(d -> withOptions(d, "das.isolationaddress10", "10.0.0.9")).getMessage())
                .isEqualTo("configurationEx.dasConfig.option[das.isolationaddress10]: vSphere reads das.isolationaddress0..9 only");
        assertThat(error(d -> withOptions(d, "das.isolationaddress3", "")).field())
                .isEqualTo("configurationEx.dasConfig.option[das.isolationaddress3]");
        assertThat(error(d -> withOptions(d, "das.usedefaultisolationaddress", "yes")).getMessage())
                .contains("option[das.usedefaultisolationaddress]").contains("true or false");
        assertThat(error(d -> withOptions(d, "das.isolationShutdownTimeout", "0")).field())
                .isEqualTo("configurationEx.dasConfig.option[das.isolationShutdownTimeout]");
        assertThat(error(d -> withOptions(d, "das.config.fdm.isolationPolicyDelaySec", "half a minute")).getMessage())
                .contains("must be a whole number");
        assertThat(error(d -> d.getDefaultVmSettings().setIsolationResponse("clusterIsolationResponse")).field())
                .isEqualTo("configurationEx.dasConfig.defaultVmSettings.isolationResponse");
    }

    @Test
    void vmMonitoringStateAndToolsSettings() {
        MappedHaConfig m = map(d -> {
            d.setVmMonitoring("vmMonitoringOnly");
            d.getDefaultVmSettings().setVmToolsMonitoringSettings(tools(null, null, 60, 90, 2, 86_400));
        });
        assertThat(m.policy().vmMonitoring()).isEqualTo(new VmMonitoringPolicy(true, 60_000, 90_000, 2, 86_400_000));
        // unset values take the API defaults: 30 s, 120 s, 3 resets, no window
        assertThat(map(d -> d.setVmMonitoring("vmMonitoringOnly")).policy().vmMonitoring())
                .isEqualTo(new VmMonitoringPolicy(true, 30_000, 120_000, 3, VmMonitoringPolicy.NO_RESET_WINDOW_MS));
        // application monitoring is taken as VM monitoring (no application heartbeats in OpenFDM)
        assertThat(map(d -> d.setVmMonitoring("vmAndAppMonitoring")).policy().vmMonitoring().enabled()).isTrue();
        assertThat(error(d -> d.setVmMonitoring("sometimes")).field()).isEqualTo("configurationEx.dasConfig.vmMonitoring");
        assertThat(error(d -> d.getDefaultVmSettings().setVmToolsMonitoringSettings(tools(null, null, 0, null, null, null)))
                .field()).isEqualTo("configurationEx.dasConfig.defaultVmSettings.vmToolsMonitoringSettings.failureInterval");
        assertThat(error(d -> d.getDefaultVmSettings().setVmToolsMonitoringSettings(tools(null, null, null, null, 0, null)))
                .field()).isEqualTo("configurationEx.dasConfig.defaultVmSettings.vmToolsMonitoringSettings.maxFailures");
        assertThat(error(d -> d.getDefaultVmSettings().setVmToolsMonitoringSettings(tools(null, null, null, null, null, -5)))
                .getMessage()).contains("maxFailureWindow").contains("-1 for no window");
    }

    @Test
    void aVmsOwnToolsMonitoringSettings() {
        VmMonitoringPolicy cluster = new VmMonitoringPolicy(true, 30_000, 120_000, 3, 3_600_000);
        assertThat(DasConfigMapping.vmMonitoring("vm-1", Map.of(), cluster)).as("none: the cluster's").isNull();
        assertThat(DasConfigMapping.vmMonitoring("vm-1", plain(tools(true, "vmMonitoringDisabled", 10, null, null, null)),
                cluster)).as("clusterSettings: the cluster's").isNull();
        assertThat(DasConfigMapping.vmMonitoring("vm-1", plain(tools(null, "vmMonitoringDisabled", null, null, null, null)),
                cluster)).as("clusterSettings unset means true").isNull();
        assertThat(DasConfigMapping.vmMonitoring("vm-1", plain(tools(false, "vmMonitoringDisabled", null, null, null, null)),
                cluster)).isEqualTo(new VmMonitoringPolicy(false, 30_000, 120_000, 3, 3_600_000));
        assertThat(DasConfigMapping.vmMonitoring("vm-1", plain(tools(false, null, 120, null, 1, -1)), cluster))
                .isEqualTo(new VmMonitoringPolicy(true, 120_000, 120_000, 1, VmMonitoringPolicy.NO_RESET_WINDOW_MS));
        DasConfigException e = catchThrowableOfType(DasConfigException.class, () -> DasConfigMapping.vmMonitoring("vm-7",
                plain(tools(false, "vmAndSomething", null, null, null, null)), cluster));
        assertThat(e.field()).isEqualTo("configurationEx.dasVmConfig[vm-7].dasSettings.vmToolsMonitoringSettings.vmMonitoring");
    }

    @Test
    void admissionControlPolicies() {
        ClusterFailoverLevelAdmissionControlPolicy slots = new ClusterFailoverLevelAdmissionControlPolicy();
        slots.setFailoverLevel(1);
        ClusterFixedSizeSlotPolicy fixed = new ClusterFixedSizeSlotPolicy();
        fixed.setCpu(500);
        fixed.setMemory(2048);
        slots.setSlotPolicy(fixed);
        assertThat(map(d -> d.setAdmissionControlPolicy(slots)).policy().admissionControlPolicy())
                .isEqualTo(AdmissionControlPolicy.slots(1, 500, 2048));

        ClusterFailoverResourcesAdmissionControlPolicy percent = new ClusterFailoverResourcesAdmissionControlPolicy();
        percent.setCpuFailoverResourcesPercent(25);
        percent.setMemoryFailoverResourcesPercent(30);
        assertThat(map(d -> d.setAdmissionControlPolicy(percent)).policy().admissionControlPolicy())
                .isEqualTo(AdmissionControlPolicy.percentage(1, 25, 30));

        ClusterFailoverHostAdmissionControlPolicy hosts = new ClusterFailoverHostAdmissionControlPolicy();
        hosts.setFailoverHosts(new ManagedObjectReference[] {ref("HostSystem", "host-23"), ref("HostSystem", "host-99")});
        assertThat(map(d -> d.setAdmissionControlPolicy(hosts)).policy().admissionControlPolicy())
                .as("a failover host that is not a member is left out")
                .isEqualTo(AdmissionControlPolicy.failoverHosts(1, List.of(HostId.of("host-23"))));

        HaPolicy off = map(d -> {
            d.setAdmissionControlEnabled(false);
            d.setAdmissionControlPolicy(slots);
        }).policy();
        assertThat(off.admissionControl()).isFalse();
        assertThat(off.admissionControlInForce()).isEqualTo(AdmissionControlPolicy.disabled());

        assertThat(map(d -> d.setFailoverLevel(2)).policy().admissionControlPolicy()).as("the older failoverLevel")
                .isEqualTo(AdmissionControlPolicy.slots(2, 0, 0));
    }

    @Test
    void admissionControlValuesOutsideWhatWeSupportNameTheirField() {
        ClusterFailoverLevelAdmissionControlPolicy tooMany = new ClusterFailoverLevelAdmissionControlPolicy();
        tooMany.setFailoverLevel(3);
        assertThat(error(d -> d.setAdmissionControlPolicy(tooMany)).getMessage())
                .startsWith("configurationEx.dasConfig.admissionControlPolicy.failoverLevel: must be smaller than the number of hosts");
        ClusterFailoverResourcesAdmissionControlPolicy over = new ClusterFailoverResourcesAdmissionControlPolicy();
        over.setCpuFailoverResourcesPercent(120);
        assertThat(error(d -> d.setAdmissionControlPolicy(over)).field())
                .isEqualTo("configurationEx.dasConfig.admissionControlPolicy.cpuFailoverResourcesPercent");
        ClusterFailoverHostAdmissionControlPolicy nobody = new ClusterFailoverHostAdmissionControlPolicy();
        nobody.setFailoverHosts(new ManagedObjectReference[] {ref("HostSystem", "host-99")});
        assertThat(error(d -> d.setAdmissionControlPolicy(nobody)).field())
                .isEqualTo("configurationEx.dasConfig.admissionControlPolicy.failoverHosts");
    }

    @Test
    void heartbeatDatastores() {
        MappedHaConfig m = map(d -> {
            d.setHBDatastoreCandidatePolicy("allFeasibleDsWithUserPreference");
            d.setHeartbeatDatastore(new ManagedObjectReference[] {ref("Datastore", "datastore-11"),
                    ref("Datastore", "datastore-12"), ref("Datastore", "datastore-10")});
            withOptions(d, "das.heartbeatDsPerHost", "3");
        });
        assertThat(m.heartbeatDatastoresPerHost()).isEqualTo(3);
        assertThat(m.heartbeatDatastores()).as("datastore-12 is not in the configuration: left out").isEqualTo(
                new HeartbeatDatastorePolicy(CandidatePolicy.ALL_FEASIBLE_DS_WITH_USER_PREFERENCE, List.of("nfs-1", "LocalDS_0")));
        assertThat(error(d -> withOptions(d, "das.heartbeatDsPerHost", "7")).getMessage())
                .isEqualTo("configurationEx.dasConfig.option[das.heartbeatDsPerHost]: must be 1-5, was 7");
        assertThat(error(d -> {
            d.setHBDatastoreCandidatePolicy("userSelectedDs");
            d.setHeartbeatDatastore(new ManagedObjectReference[] {ref("Datastore", "datastore-12")});
        }).field()).isEqualTo("configurationEx.dasConfig.heartbeatDatastore");
        assertThat(error(d -> d.setHBDatastoreCandidatePolicy("any")).field())
                .isEqualTo("configurationEx.dasConfig.hBDatastoreCandidatePolicy");
    }
}
