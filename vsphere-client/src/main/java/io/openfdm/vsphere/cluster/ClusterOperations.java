package io.openfdm.vsphere.cluster;

import com.vmware.vim25.ArrayUpdateOperation;
import com.vmware.vim25.ClusterConfigSpecEx;
import com.vmware.vim25.ClusterDasVmConfigInfo;
import com.vmware.vim25.ClusterDasVmConfigSpec;
import com.vmware.vim25.ClusterDasVmSettings;
import com.vmware.vim25.ManagedObjectReference;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.soap.Session;
import io.openfdm.vsphere.task.TaskWaiter;

import java.util.Objects;

/**
 * Cluster reconfiguration the vCenter bridge needs: a VM's HA restart priority override in the
 * cluster's {@code configurationEx.dasVmConfig}, through
 * {@code ReconfigureComputeResource_Task(cluster, ClusterConfigSpecEx{dasVmConfigSpec}, modify=true)}
 * (vSphere API reference, ClusterConfigSpecEx.dasVmConfigSpec). vcsim keeps these overrides (it
 * ignores {@code dasConfig}). Every failure is a {@code VsphereException}.
 */
public final class ClusterOperations {
    private final Session session;
    private final TaskWaiter tasks;

    public ClusterOperations(Session session) {
        this.session = session;
        this.tasks = new TaskWaiter(session);
    }

    /**
     * Adds ({@code exists == false}) or edits the VM's override so its restart priority is
     * {@code priority} ({@code disabled}, {@code lowest}, {@code low}, {@code medium}, {@code high},
     * {@code highest}, or {@code clusterRestartPriority} for the cluster default) and its isolation
     * response is {@code isolationResponse}, and waits for the task. An edit replaces the VM's
     * {@code dasSettings} as a whole, so pass the isolation response the override has now to keep it.
     *
     * @param isolationResponse {@code none}, {@code powerOff}, {@code shutdown},
     *                          {@code clusterIsolationResponse}, or null to leave it unset
     * @param exists whether the cluster already has an override for this VM (vSphere refuses to add
     *               a second one and to edit a missing one, with {@code InvalidArgument})
     */
    public void setVmOverride(MoRef cluster, MoRef vm, String priority, String isolationResponse, boolean exists,
                              long timeoutMs) {
        Objects.requireNonNull(priority, "priority");
        ClusterDasVmSettings settings = new ClusterDasVmSettings();
        settings.setRestartPriority(priority);
        if (isolationResponse != null && !isolationResponse.isEmpty()) {
            settings.setIsolationResponse(isolationResponse);
        }
        ClusterDasVmConfigInfo info = new ClusterDasVmConfigInfo();
        info.setKey(Session.mor(vm));
        info.setDasSettings(settings);
        ClusterDasVmConfigSpec item = new ClusterDasVmConfigSpec();
        item.setOperation(exists ? ArrayUpdateOperation.edit : ArrayUpdateOperation.add);
        item.setInfo(info);
        ClusterConfigSpecEx spec = new ClusterConfigSpecEx();
        spec.setDasVmConfigSpec(new ClusterDasVmConfigSpec[] {item});
        String what = "ReconfigureComputeResource_Task " + cluster.value() + " dasVmConfig " + vm.value() + "=" + priority;
        ManagedObjectReference task = session.call(what, (v, sc) ->
                v.reconfigureComputeResource_Task(Session.mor(cluster), spec, true));
        tasks.await(Session.moRef(task), what, timeoutMs);
    }
}
