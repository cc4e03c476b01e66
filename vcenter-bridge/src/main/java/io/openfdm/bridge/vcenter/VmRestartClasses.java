package io.openfdm.bridge.vcenter;

import io.openfdm.core.model.RestartClass;
import io.openfdm.vsphere.property.ObjectProperties;
import io.openfdm.vsphere.soap.PlainValues;

import java.util.Map;

/**
 * A VM's {@link RestartClass} from its vSphere configuration, for the restart order (vSphere HA
 * restarts agent VMs first, then FT secondaries, then the other VMs by priority; vSphere HA
 * Deepdive, "Restart Priority and Order"). Pure.
 *
 * <ul>
 *   <li><b>Agent VM</b>: {@code config.managedBy} ({@code ManagedByInfo}) names the extension
 *       {@value #EAM_EXTENSION_KEY}, ESX Agent Manager, which deploys and owns agent VMs (e.g. a
 *       virtual storage appliance or an NSX agent).</li>
 *   <li><b>FT secondary</b>: {@code config.ftInfo} is a {@code FaultToleranceSecondaryConfigInfo},
 *       or a {@code FaultToleranceConfigInfo} whose {@code role} is not 1 (vSphere API: the VM's
 *       1-based index in the FT group's {@code instanceUuids}; 1 is the primary).</li>
 *   <li>Anything else, an unset property included, is {@link RestartClass#ORDINARY}. An agent VM
 *       is an agent VM even if it also reports FT information.</li>
 * </ul>
 */
public final class VmRestartClasses {
    /** The {@code ManagedByInfo.extensionKey} of ESX Agent Manager. */
    public static final String EAM_EXTENSION_KEY = "com.vmware.vim.eam";
    /** The data object type of a secondary VM's {@code config.ftInfo}. */
    static final String FT_SECONDARY_TYPE = "FaultToleranceSecondaryConfigInfo";
    /** The VM properties read for it. */
    static final String MANAGED_BY = "config.managedBy";
    static final String FT_INFO = "config.ftInfo";

    private VmRestartClasses() {
    }

    /** The class of the VM whose properties {@code vm} holds ({@link #MANAGED_BY}, {@link #FT_INFO}). */
    public static RestartClass of(ObjectProperties vm) {
        return of(vm.data(MANAGED_BY).orElse(Map.of()), vm.data(FT_INFO).orElse(Map.of()));
    }

    /**
     * @param managedBy {@code config.managedBy} as plain values ({@link PlainValues}); empty if unset
     * @param ftInfo    {@code config.ftInfo} as plain values; empty if unset
     */
    public static RestartClass of(Map<String, Object> managedBy, Map<String, Object> ftInfo) {
        if (EAM_EXTENSION_KEY.equals(managedBy.get("extensionKey"))) {
            return RestartClass.AGENT_VM;
        }
        if (FT_SECONDARY_TYPE.equals(ftInfo.get(PlainValues.TYPE_KEY))
                || (ftInfo.get("role") instanceof Number role && role.intValue() > 1)) {
            return RestartClass.FT_SECONDARY;
        }
        return RestartClass.ORDINARY;
    }
}
