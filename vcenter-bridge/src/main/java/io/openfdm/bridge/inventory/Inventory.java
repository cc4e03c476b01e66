package io.openfdm.bridge.inventory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One consistent read of vCenter's inventory: what the bridge builds cluster configurations from.
 * Immutable; lists are sorted by MOID.
 *
 * @param vcenterUuid vCenter's {@code about.instanceUuid} (names cluster ids, as FDM's do)
 * @param clusters    every cluster
 * @param hosts       every host in a cluster
 * @param datastores  every datastore those hosts mount
 * @param vms         every VM (templates included, flagged)
 */
public record Inventory(String vcenterUuid, List<ClusterRecord> clusters, List<HostRecord> hosts,
                        List<DatastoreRecord> datastores, List<VmRecord> vms) {

    public Inventory {
        clusters = sorted(clusters, ClusterRecord::moid);
        hosts = sorted(hosts, HostRecord::moid);
        datastores = sorted(datastores, DatastoreRecord::moid);
        vms = sorted(vms, VmRecord::moid);
    }

    private static <T> List<T> sorted(List<T> list, Function<T, String> key) {
        return list.stream().sorted(Comparator.comparing(key)).toList();
    }

    public Optional<ClusterRecord> cluster(String moid) {
        return clusters.stream().filter(c -> c.moid().equals(moid)).findFirst();
    }

    public Map<String, HostRecord> hostsByMoid() {
        return hosts.stream().collect(Collectors.toMap(HostRecord::moid, Function.identity()));
    }

    public Map<String, DatastoreRecord> datastoresByMoid() {
        return datastores.stream().collect(Collectors.toMap(DatastoreRecord::moid, Function.identity()));
    }

    /** The cluster's hosts, sorted by MOID (hosts the inventory does not describe are left out). */
    public List<HostRecord> hostsOf(ClusterRecord cluster) {
        Map<String, HostRecord> byMoid = hostsByMoid();
        return cluster.hosts().stream().map(byMoid::get).filter(h -> h != null).sorted(Comparator.comparing(HostRecord::moid))
                .toList();
    }

    /** The VMs registered on the cluster's hosts ({@code runtime.host}), sorted by MOID. */
    public List<VmRecord> vmsOf(ClusterRecord cluster) {
        return vms.stream().filter(v -> cluster.hosts().contains(v.host())).toList();
    }
}
