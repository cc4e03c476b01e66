package io.openfdm.bridge.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster ({@code ClusterComputeResource}) as vCenter reports it.
 *
 * @param moid        vCenter's MOID, e.g. {@code domain-c7}
 * @param name        display name
 * @param hosts       MOIDs of its hosts ({@code host}), sorted
 * @param dasVmConfig its per-VM HA overrides ({@code configurationEx.dasVmConfig}), sorted by VM
 * @param dasConfig   its HA configuration ({@code configurationEx.dasConfig}, vSphere's
 *                    {@code ClusterDasConfigInfo}) as {@code vsphere-client} reads data objects:
 *                    set properties by name; empty when vCenter reports none (vcsim); mapped by
 *                    {@code io.openfdm.bridge.dasconfig.DasConfigMapping}
 */
public record ClusterRecord(String moid, String name, List<String> hosts, List<DasVmSettings> dasVmConfig,
                            Map<String, Object> dasConfig) {
    public ClusterRecord {
        hosts = List.copyOf(hosts);
        dasVmConfig = List.copyOf(dasVmConfig);
        dasConfig = dasConfig == null ? Map.of() : dasConfig;
    }

    /** A cluster whose {@code dasConfig} vCenter does not report. */
    public ClusterRecord(String moid, String name, List<String> hosts, List<DasVmSettings> dasVmConfig) {
        this(moid, name, hosts, dasVmConfig, Map.of());
    }

    /** The HA override of a VM, if it has one. */
    public Optional<DasVmSettings> dasVmSettings(String vmMoid) {
        return dasVmConfig.stream().filter(d -> d.vm().equals(vmMoid)).findFirst();
    }
}
