package io.openfdm.bridge.vcenter;

import io.openfdm.bridge.inventory.Inventory;

/**
 * One logged-in session with vCenter, as the bridge uses it. The production one works over the
 * vSphere API ({@code PropertyCollector}); every call may throw {@link VcenterUnavailableException}
 * when vCenter cannot be reached, after which the session is closed and a new one made.
 */
public interface VcenterSession extends AutoCloseable {

    /** Reads the whole inventory the bridge needs in one consistent read. */
    Inventory readInventory();

    /**
     * Blocks until one of the properties the bridge builds configurations from changes
     * ({@code WaitForUpdatesEx}), or {@code maxWaitMs} passes.
     *
     * @return true if something changed, false on timeout
     */
    boolean awaitChange(long maxWaitMs);

    /**
     * Sets (or, with {@code null} or {@code clusterRestartPriority}, removes) a VM's restart priority
     * override in its cluster's {@code dasVmConfig} ({@code ReconfigureComputeResource_Task}) and
     * waits for the task.
     *
     * @param priority {@code disabled}, {@code lowest}, {@code low}, {@code medium}, {@code high},
     *                 {@code highest}, or null / {@code clusterRestartPriority} for the cluster default
     */
    void setRestartPriority(String clusterMoid, String vmMoid, String priority);

    @Override
    void close();
}
