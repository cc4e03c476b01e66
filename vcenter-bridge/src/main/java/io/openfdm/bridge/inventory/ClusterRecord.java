package io.openfdm.bridge.inventory;

import java.util.List;
import java.util.Optional;

/**
 * A cluster ({@code ClusterComputeResource}) as vCenter reports it.
 *
 * @param moid        vCenter's MOID, e.g. {@code domain-c7}
 * @param name        display name
 * @param hosts       MOIDs of its hosts ({@code host}), sorted
 * @param dasVmConfig its per-VM HA overrides ({@code configurationEx.dasVmConfig}), sorted by VM
 */
public record ClusterRecord(String moid, String name, List<String> hosts, List<DasVmSettings> dasVmConfig) {
    public ClusterRecord {
        hosts = List.copyOf(hosts);
        dasVmConfig = List.copyOf(dasVmConfig);
    }

    /** The HA override of a VM, if it has one. */
    public Optional<DasVmSettings> dasVmSettings(String vmMoid) {
        return dasVmConfig.stream().filter(d -> d.vm().equals(vmMoid)).findFirst();
    }
}
