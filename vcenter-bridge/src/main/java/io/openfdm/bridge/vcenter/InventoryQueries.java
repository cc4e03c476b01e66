package io.openfdm.bridge.vcenter;

import io.openfdm.bridge.inventory.ClusterRecord;
import io.openfdm.bridge.inventory.DasVmSettings;
import io.openfdm.bridge.inventory.DatastoreRecord;
import io.openfdm.bridge.inventory.HostRecord;
import io.openfdm.bridge.inventory.Inventory;
import io.openfdm.bridge.inventory.VmRecord;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.property.ObjectProperties;
import io.openfdm.vsphere.property.PropertyQuery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The properties the bridge reads from vCenter and how they become an {@link Inventory}. One
 * {@code RetrievePropertiesEx} over a container view of the whole inventory reads all four types.
 */
final class InventoryQueries {
    static final String CLUSTER = "ClusterComputeResource";
    static final String HOST = "HostSystem";
    static final String DATASTORE = "Datastore";
    static final String VM = "VirtualMachine";

    /** Everything an inventory is built from. */
    static final PropertyQuery READ = PropertyQuery.of(CLUSTER, "name", "host", "configurationEx")
            .and(HOST, List.of("name", "runtime.connectionState", "runtime.inMaintenanceMode", "runtime.powerState",
                    "datastore", "summary.hardware", "config.network.vnic"))
            .and(DATASTORE, List.of("name", "summary.url"))
            .and(VM, List.of("name", "runtime.host", "runtime.powerState", "config.files.vmPathName",
                    "config.cpuAllocation.reservation", "config.memoryAllocation.reservation", "config.template",
                    VmRestartClasses.MANAGED_BY, VmRestartClasses.FT_INFO));

    /**
     * What to watch with {@code WaitForUpdatesEx}: the properties that change what the agents are
     * told or what the status shows (VMs added or removed, power state, host, {@code dasVmConfig},
     * host membership and state, datastores).
     */
    static final PropertyQuery WATCH = PropertyQuery.of(CLUSTER, "name", "host", "configurationEx")
            .and(HOST, List.of("name", "runtime.connectionState", "runtime.inMaintenanceMode", "runtime.powerState",
                    "datastore"))
            .and(DATASTORE, List.of("name", "summary.url"))
            .and(VM, List.of("name", "runtime.host", "runtime.powerState", "config.template", VmRestartClasses.FT_INFO));

    private InventoryQueries() {
    }

    static Inventory toInventory(String vcenterUuid, List<ObjectProperties> objects) {
        List<ClusterRecord> clusters = new ArrayList<>();
        List<HostRecord> hosts = new ArrayList<>();
        List<DatastoreRecord> datastores = new ArrayList<>();
        List<VmRecord> vms = new ArrayList<>();
        for (ObjectProperties o : objects) {
            switch (o.ref().type()) {
                case CLUSTER -> clusters.add(cluster(o));
                case HOST -> hosts.add(host(o));
                case DATASTORE -> datastores.add(new DatastoreRecord(o.ref().value(), o.string("name").orElse(o.ref().value()),
                        o.string("summary.url").orElse("")));
                case VM -> vms.add(vm(o));
                default -> { }
            }
        }
        return new Inventory(vcenterUuid, clusters, hosts, datastores, vms);
    }

    private static ClusterRecord cluster(ObjectProperties o) {
        List<DasVmSettings> das = new ArrayList<>();
        Optional<Map<String, Object>> config = o.data("configurationEx");
        if (config.isPresent() && config.get().get("dasVmConfig") instanceof List<?> entries) {
            for (Object e : entries) {
                if (e instanceof Map<?, ?> entry && entry.get("key") instanceof MoRef vm) {
                    Map<?, ?> settings = entry.get("dasSettings") instanceof Map<?, ?> m ? m : Map.of();
                    das.add(new DasVmSettings(vm.value(), text(settings.get("restartPriority")),
                            text(settings.get("isolationResponse")), dataObject(settings.get("vmToolsMonitoringSettings"))));
                }
            }
        }
        das.sort(Comparator.comparing(DasVmSettings::vm));
        return new ClusterRecord(o.ref().value(), o.string("name").orElse(o.ref().value()),
                o.moRefs("host").stream().map(MoRef::value).sorted().toList(), das,
                config.map(c -> dataObject(c.get("dasConfig"))).orElse(Map.of()));
    }

    private static HostRecord host(ObjectProperties o) {
        Map<String, Object> hw = o.data("summary.hardware").orElse(Map.of());
        long cpuMhz = number(hw.get("cpuMhz")) * Math.max(1, number(hw.get("numCpuCores")));
        long memoryMb = number(hw.get("memorySize")) / (1024 * 1024);
        return new HostRecord(o.ref().value(), o.string("name").orElse(o.ref().value()), managementIp(o.list("config.network.vnic")),
                o.string("runtime.connectionState").orElse(""), o.bool("runtime.inMaintenanceMode", false),
                o.moRefs("datastore").stream().map(MoRef::value).sorted().toList(),
                (int) Math.min(Integer.MAX_VALUE, cpuMhz), (int) Math.min(Integer.MAX_VALUE, memoryMb),
                o.string("runtime.powerState").orElse(""));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dataObject(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The IP of the VMkernel NIC on the "Management Network" port group, else of the first NIC with one. */
    static String managementIp(List<Object> vnics) {
        String first = "";
        for (Object v : vnics) {
            if (!(v instanceof Map<?, ?> nic) || !(nic.get("spec") instanceof Map<?, ?> spec)
                    || !(spec.get("ip") instanceof Map<?, ?> ip) || text(ip.get("ipAddress")).isEmpty()) {
                continue;
            }
            String address = text(ip.get("ipAddress"));
            if ("Management Network".equals(text(nic.get("portgroup")))) {
                return address;
            }
            if (first.isEmpty()) {
                first = address;
            }
        }
        return first;
    }

    private static VmRecord vm(ObjectProperties o) {
        return new VmRecord(o.ref().value(), o.string("name").orElse(o.ref().value()),
                o.moRef("runtime.host").map(MoRef::value).orElse(""), o.string("runtime.powerState").orElse(""),
                datastoreName(o.string("config.files.vmPathName").orElse("")),
                (int) Math.max(0, o.number("config.cpuAllocation.reservation", 0)),
                (int) Math.max(0, o.number("config.memoryAllocation.reservation", 0)), o.bool("config.template", false),
                VmRestartClasses.of(o));
    }

    /** {@code "[LocalDS_0] vm1/vm1.vmx"} gives {@code LocalDS_0}; anything else gives "". */
    static String datastoreName(String vmPathName) {
        int close = vmPathName.indexOf(']');
        return vmPathName.startsWith("[") && close > 1 ? vmPathName.substring(1, close) : "";
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
