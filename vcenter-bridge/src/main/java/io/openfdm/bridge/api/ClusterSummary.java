package io.openfdm.bridge.api;

/**
 * One row of the cluster list.
 *
 * @param moid          vCenter's cluster MOID, e.g. {@code domain-c7}
 * @param name          display name
 * @param hosts         number of hosts in the cluster
 * @param vms           number of VMs on those hosts
 * @param haEnabled     HA turned on through the bridge
 * @param clusterId     the FDM cluster id (names {@code .vSphere-HA/<clusterId>/}), empty until HA
 *                      was first enabled
 * @param configVersion the last configuration version pushed, 0 if none
 */
public record ClusterSummary(String moid, String name, int hosts, int vms, boolean haEnabled,
                             String clusterId, long configVersion) {
}
