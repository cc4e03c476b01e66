package io.openfdm.bridge.dasconfig;

import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster's HA configuration in vCenter ({@code ClusterComputeResource.configurationEx.dasConfig},
 * vSphere's {@code ClusterDasConfigInfo}, as {@code vsphere-client} reads it: a map of its set
 * properties) to the agents' terms. One class per concept does the work:
 * {@link IsolationMapping} (isolation addresses, delay, shutdown timeout, response),
 * {@link VmToolsMonitoringMapping} (VM monitoring, cluster and per VM),
 * {@link AdmissionControlMapping}, {@link HeartbeatDatastoreMapping}; this class adds
 * {@code hostMonitoring} ({@code enabled}/{@code disabled}, unset: enabled) and
 * {@code defaultVmSettings.restartPriority} ({@code disabled} ... {@code highest}, unset: medium).
 *
 * <p>{@code dasConfig.enabled} (vSphere HA itself) is not read: OpenFDM replaces vSphere HA, and
 * the bridge's own enable/disable decides whether VMs are protected.
 *
 * <p>Errors: a value OpenFDM cannot use is a {@link DasConfigException} naming the vSphere field;
 * the bridge then keeps the cluster's last configuration and reports why.
 */
public final class DasConfigMapping {
    static final String PATH = "configurationEx.dasConfig";

    private DasConfigMapping() {
    }

    /**
     * Whether vCenter reported an HA configuration: real vCenter always does; vcsim reports an
     * empty {@code dasConfig} (it ignores {@code ReconfigureComputeResource_Task}'s {@code dasConfig}).
     */
    public static boolean reported(Map<String, Object> dasConfig) {
        return new DasFields(PATH, dasConfig).reported();
    }

    /**
     * @param dasConfig  the cluster's {@code configurationEx.dasConfig}
     * @param members    the configuration's hosts (failover hosts and N are checked against them)
     * @param datastores the configuration's datastores: name by MOID
     * @throws DasConfigException naming the vSphere field that cannot be used
     */
    public static MappedHaConfig map(Map<String, Object> dasConfig, Set<HostId> members, Map<String, String> datastores) {
        DasFields das = new DasFields(PATH, dasConfig);
        DasOptions options = DasOptions.of(das);
        DasFields defaults = das.object("defaultVmSettings");
        boolean hostMonitoring = hostMonitoring(das);
        IsolationResponse response = IsolationMapping.response(defaults);
        IsolationPolicy isolation = IsolationMapping.policy(options);
        VmMonitoringPolicy vmMonitoring = VmToolsMonitoringMapping.cluster(das);
        AdmissionControlMapping.Result admission = AdmissionControlMapping.map(das, members);
        HeartbeatDatastoreMapping.Result heartbeat = HeartbeatDatastoreMapping.map(das, options, datastores);
        HaPolicy policy = new HaPolicy(hostMonitoring, response, admission.enabled(), isolation, vmMonitoring,
                admission.policy());
        return new MappedHaConfig(restartPriority(defaults), policy, heartbeat.perHost(), heartbeat.policy());
    }

    /**
     * A VM's own VM monitoring, or null for the cluster's.
     *
     * @param vm      the VM's MOID, for errors
     * @param tools   its {@code dasVmConfig[].dasSettings.vmToolsMonitoringSettings} (empty if unset)
     * @param cluster the cluster's policy in force
     * @throws DasConfigException naming the vSphere field that cannot be used
     */
    public static VmMonitoringPolicy vmMonitoring(String vm, Map<String, Object> tools, VmMonitoringPolicy cluster) {
        return VmToolsMonitoringMapping.perVm(new DasFields("configurationEx.dasVmConfig[" + vm
                + "].dasSettings.vmToolsMonitoringSettings", tools), cluster);
    }

    private static boolean hostMonitoring(DasFields das) {
        Optional<String> v = das.string("hostMonitoring");
        if (v.isEmpty() || v.get().equals("enabled")) {
            return true;
        }
        if (v.get().equals("disabled")) {
            return false;
        }
        throw new DasConfigException(das.field("hostMonitoring"), "must be enabled or disabled, was \"" + v.get() + "\"");
    }

    private static RestartPriority restartPriority(DasFields defaults) {
        Optional<String> v = defaults.string("restartPriority");
        if (v.isEmpty()) {
            return RestartPriority.MEDIUM;
        }
        return Arrays.stream(RestartPriority.values()).filter(p -> p.name().toLowerCase(Locale.ROOT).equals(v.get()))
                .findFirst().orElseThrow(() -> new DasConfigException(defaults.field("restartPriority"),
                        "must be one of disabled, lowest, low, medium, high, highest at the cluster level, was \""
                                + v.get() + "\""));
    }
}
