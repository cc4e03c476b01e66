package io.openfdm.bridge.vcenter;

import io.openfdm.bridge.inventory.Inventory;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.VsphereClient;
import io.openfdm.vsphere.VsphereEndpoint;
import io.openfdm.vsphere.VsphereException;
import io.openfdm.vsphere.cluster.ClusterOperations;
import io.openfdm.vsphere.property.UpdateBatch;
import io.openfdm.vsphere.property.UpdateWatcher;

import java.util.Optional;

/**
 * The bridge's vCenter session over the vSphere API ({@code vsphere-client}): the inventory with
 * one {@code RetrievePropertiesEx}, changes with {@code WaitForUpdatesEx}, {@code dasVmConfig}
 * writes with {@code ReconfigureComputeResource_Task}. {@link VsphereException}s become
 * {@link VcenterLoginException} (refused credentials) or {@link VcenterUnavailableException}
 * (anything else: the sync loop logs in again).
 */
public final class VsphereVcenter implements VcenterSession {
    /** Longest wait for a {@code dasVmConfig} task, milliseconds. */
    public static final long TASK_TIMEOUT_MS = 30_000;

    private final VsphereClient client;
    private final String vcenterUuid;
    private final UpdateWatcher watcher;
    private final ClusterOperations clusters;
    private volatile Inventory last;

    private VsphereVcenter(VsphereClient client) {
        this.client = client;
        this.vcenterUuid = client.about().instanceUuid();
        this.watcher = client.watch(client.rootFolder(), InventoryQueries.WATCH);
        this.clusters = new ClusterOperations(client.session());
    }

    /** A connector that logs in to {@code endpoint}. */
    public static VcenterConnector connector(VsphereEndpoint endpoint) {
        return () -> {
            VsphereClient client = null;
            try {
                client = VsphereClient.connect(endpoint);
                return new VsphereVcenter(client);
            } catch (VsphereException e) {
                if (client != null) {
                    client.close();
                }
                throw translate("logging in to " + endpoint.url(), e);
            }
        };
    }

    @Override
    public Inventory readInventory() {
        try {
            Inventory inv = InventoryQueries.toInventory(vcenterUuid, client.inventory().readAll(InventoryQueries.READ));
            last = inv;
            return inv;
        } catch (VsphereException e) {
            throw translate("reading the inventory", e);
        }
    }

    @Override
    public boolean awaitChange(long maxWaitMs) {
        try {
            UpdateBatch batch = watcher.waitForUpdates((int) Math.max(1, Math.min(Integer.MAX_VALUE, maxWaitMs / 1000)));
            return !batch.changes().isEmpty();
        } catch (VsphereException e) {
            throw translate("waiting for changes", e);
        }
    }

    @Override
    public void setRestartPriority(String clusterMoid, String vmMoid, String priority) {
        String value = priority == null ? "clusterRestartPriority" : priority;
        Optional<io.openfdm.bridge.inventory.DasVmSettings> current = Optional.ofNullable(last)
                .flatMap(i -> i.cluster(clusterMoid)).flatMap(c -> c.dasVmSettings(vmMoid));
        boolean exists = current.isPresent();
        // an edit replaces dasSettings whole: keep the VM's isolation response as it is
        String isolation = current.map(io.openfdm.bridge.inventory.DasVmSettings::isolationResponse).orElse(null);
        try {
            clusters.setVmOverride(new MoRef("ClusterComputeResource", clusterMoid), MoRef.vm(vmMoid), value, isolation,
                    exists, TASK_TIMEOUT_MS);
        } catch (VsphereException e) {
            if (e.faultName().equals("InvalidArgument")) {
                // our view of dasVmConfig was stale: the override appeared or went meanwhile; try the other way
                try {
                    clusters.setVmOverride(new MoRef("ClusterComputeResource", clusterMoid), MoRef.vm(vmMoid), value,
                            isolation, !exists, TASK_TIMEOUT_MS);
                    return;
                } catch (VsphereException again) {
                    throw translate("setting the restart priority of " + vmMoid, again);
                }
            }
            throw translate("setting the restart priority of " + vmMoid, e);
        }
    }

    /** SOAP calls sent so far on this session (for benchmarks). */
    public long apiCalls() {
        return client.apiCalls();
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } finally {
            client.close();
        }
    }

    private static RuntimeException translate(String what, VsphereException e) {
        if (e.kind() == VsphereException.Kind.AUTHENTICATION) {
            return new VcenterLoginException("vCenter refused the login while " + what + ": " + e.getMessage(), e);
        }
        return new VcenterUnavailableException(what + ": " + e.getMessage(), e);
    }
}
