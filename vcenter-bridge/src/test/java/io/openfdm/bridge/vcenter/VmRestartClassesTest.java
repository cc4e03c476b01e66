package io.openfdm.bridge.vcenter;

import com.vmware.vim25.FaultTolerancePrimaryConfigInfo;
import com.vmware.vim25.FaultToleranceSecondaryConfigInfo;
import com.vmware.vim25.ManagedByInfo;
import com.vmware.vim25.ManagedObjectReference;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.bridge.config.AgentAddresses;
import io.openfdm.bridge.config.ClusterIdentity;
import io.openfdm.bridge.config.ConfigBuilder;
import io.openfdm.bridge.inventory.Inventory;
import io.openfdm.bridge.inventory.VmRecord;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.model.RestartClass;
import io.openfdm.core.model.VmId;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.property.ObjectProperties;
import io.openfdm.vsphere.soap.PlainValues;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agent VMs and FT secondaries from vSphere's VM configuration: yavijava data objects, as the
 * PropertyCollector unmarshals them, turned into plain values by {@link PlainValues} as the
 * bridge reads them, then into the VM's {@link RestartClass} and its {@code vmOverrides} entry.
 */
class VmRestartClassesTest {

    private static ManagedByInfo managedBy(String extensionKey, String type) {
        ManagedByInfo m = new ManagedByInfo();
        m.setExtensionKey(extensionKey);
        m.setType(type);
        return m;
    }

    private static FaultToleranceSecondaryConfigInfo secondary() {
        FaultToleranceSecondaryConfigInfo ft = new FaultToleranceSecondaryConfigInfo();
        ft.setRole(2);
        ft.setInstanceUuids(new String[] {"5003-primary", "5003-secondary"});
        ft.setConfigPaths(new String[] {"[ds-1] db/db.vmx", "[ds-2] db/db.vmx"});
        ManagedObjectReference primary = new ManagedObjectReference();
        primary.setType("VirtualMachine");
        primary.setVal("vm-41");
        ft.setPrimaryVM(primary);
        return ft;
    }

    private static FaultTolerancePrimaryConfigInfo primary() {
        FaultTolerancePrimaryConfigInfo ft = new FaultTolerancePrimaryConfigInfo();
        ft.setRole(1);
        ft.setInstanceUuids(new String[] {"5003-primary", "5003-secondary"});
        return ft;
    }

    /** A VM's properties as the bridge reads them, with these two properties when not null. */
    private static ObjectProperties vm(String moid, Object managedBy, Object ftInfo) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", moid);
        values.put("runtime.host", MoRef.host("host-21"));
        values.put("runtime.powerState", "poweredOn");
        values.put("config.files.vmPathName", "[LocalDS_0] " + moid + "/" + moid + ".vmx");
        if (managedBy != null) {
            values.put(VmRestartClasses.MANAGED_BY, PlainValues.plain(managedBy));
        }
        if (ftInfo != null) {
            values.put(VmRestartClasses.FT_INFO, PlainValues.plain(ftInfo));
        }
        return new ObjectProperties(MoRef.vm(moid), values, Map.of());
    }

    @Test
    void anEamManagedVmIsAnAgentVmAndAnFtSecondaryIsAnFtSecondary() {
        assertThat(VmRestartClasses.of(vm("vm-1", managedBy("com.vmware.vim.eam", "cluster-agent"), null)))
                .isEqualTo(RestartClass.AGENT_VM);
        assertThat(VmRestartClasses.of(vm("vm-2", null, secondary()))).isEqualTo(RestartClass.FT_SECONDARY);
        assertThat(VmRestartClasses.of(vm("vm-3", null, primary()))).as("the FT primary").isEqualTo(RestartClass.ORDINARY);
        assertThat(VmRestartClasses.of(vm("vm-4", managedBy("com.vmware.vcDr", "placeholderVm"), null)))
                .as("managed by another extension").isEqualTo(RestartClass.ORDINARY);
        assertThat(VmRestartClasses.of(vm("vm-5", null, null))).as("neither property set").isEqualTo(RestartClass.ORDINARY);
        assertThat(VmRestartClasses.of(vm("vm-6", managedBy("com.vmware.vim.eam", "agent"), secondary())))
                .as("an agent VM first").isEqualTo(RestartClass.AGENT_VM);
    }

    @Test
    void aBaseFtInfoWithASecondaryRoleCountsToo() {
        com.vmware.vim25.FaultToleranceConfigInfo ft = new com.vmware.vim25.FaultToleranceConfigInfo();
        ft.setRole(2);
        assertThat(VmRestartClasses.of(vm("vm-7", null, ft))).isEqualTo(RestartClass.FT_SECONDARY);
        ft.setRole(1);
        assertThat(VmRestartClasses.of(vm("vm-7", null, ft))).isEqualTo(RestartClass.ORDINARY);
    }

    @Test
    void theInventoryAndTheClusterConfigurationCarryTheClass() {
        Map<String, Object> hostValues = new HashMap<>();
        hostValues.put("name", "esx-21");
        hostValues.put("runtime.connectionState", "connected");
        hostValues.put("datastore", List.of(new MoRef("Datastore", "datastore-10")));
        hostValues.put("config.network.vnic", List.of(Map.of("portgroup", "Management Network",
                "spec", Map.of("ip", Map.of("ipAddress", "127.0.12.21")))));
        List<ObjectProperties> objects = List.of(
                new ObjectProperties(new MoRef("ClusterComputeResource", "domain-c7"),
                        Map.of("name", "prod", "host", List.of(MoRef.host("host-21"))), Map.of()),
                new ObjectProperties(MoRef.host("host-21"), hostValues, Map.of()),
                new ObjectProperties(new MoRef("Datastore", "datastore-10"),
                        Map.of("name", "LocalDS_0", "summary.url", "ds:///tmp/placement-ds0/"), Map.of()),
                vm("vm-1", managedBy("com.vmware.vim.eam", "cluster-agent"), null),
                vm("vm-2", null, secondary()),
                vm("vm-3", null, primary()));
        Inventory inv = InventoryQueries.toInventory("5d2b1c3a-1111-2222-3333-444455556666", objects);
        assertThat(inv.vms()).extracting(VmRecord::moid, VmRecord::restartClass).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("vm-1", RestartClass.AGENT_VM),
                org.assertj.core.groups.Tuple.tuple("vm-2", RestartClass.FT_SECONDARY),
                org.assertj.core.groups.Tuple.tuple("vm-3", RestartClass.ORDINARY));

        ClusterConfig config = ConfigBuilder.build(new ConfigBuilder.Input(inv, "domain-c7",
                new ClusterIdentity("5d2b1c3a-7-0badcafe", "ab".repeat(32)), 1, HaSettings.defaults(), true,
                AgentAddresses.none()));
        assertThat(config.override(VmId.of("vm-1")).orElseThrow().restartClass()).isEqualTo(RestartClass.AGENT_VM);
        assertThat(config.override(VmId.of("vm-2")).orElseThrow().restartClass()).isEqualTo(RestartClass.FT_SECONDARY);
        assertThat(config.override(VmId.of("vm-3")).orElseThrow().restartClass()).isEqualTo(RestartClass.ORDINARY);
    }
}
