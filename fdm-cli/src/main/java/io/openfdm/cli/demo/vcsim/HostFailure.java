package io.openfdm.cli.demo.vcsim;

import io.openfdm.cli.CliException;
import io.openfdm.cli.cluster.LocalCluster;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.VsphereException;

import java.util.List;

/**
 * A host failure on vcsim, which cannot disconnect or power off a host (DisconnectHost_Task and
 * ShutdownHost_Task are missing): the host's agent is killed with SIGKILL (no resignation, no
 * lease release, as in a crash) and each VM vCenter reports powered on there is powered off
 * through the vSphere API right after, as the host's crash would have stopped them.
 *
 * @param host          the failed host's MOID
 * @param wasMaster     whether it was the master when it failed
 * @param vms           the VMs that ran on it (vCenter's view just before the failure)
 * @param failedAtNanos {@link System#nanoTime()} just before the kill
 * @param failedAtMs    wall-clock milliseconds just before the kill
 * @param powerOffMs    how long powering its VMs off in vCenter took, milliseconds
 */
public record HostFailure(String host, boolean wasMaster, List<VmRow> vms, long failedAtNanos, long failedAtMs,
                          long powerOffMs) {
    /** Longest wait for one power-off task, milliseconds. */
    static final long POWER_OFF_TIMEOUT_MS = 10_000;

    /**
     * Fails {@code host}.
     *
     * @throws CliException (failed) if its agent is not running or vCenter refuses a power-off
     */
    public static HostFailure inject(LocalCluster cluster, VcsimLab lab, String host, boolean wasMaster) {
        List<VmRow> vms = lab.clusterVms().stream().filter(v -> v.host().equals(host) && v.poweredOn()).toList();
        long failedAtNanos = System.nanoTime();
        long failedAtMs = System.currentTimeMillis();
        cluster.processes().kill9(cluster.dir().host(host))
                .orElseThrow(() -> CliException.failed("the agent of " + host + " was not running"));
        for (VmRow vm : vms) {
            try {
                lab.client().vms().powerOff(MoRef.vm(vm.moid()), POWER_OFF_TIMEOUT_MS);
            } catch (VsphereException e) {
                throw CliException.failed("vCenter did not power off " + vm.moid() + " of the failed host " + host + ": "
                        + e.getMessage());
            }
        }
        return new HostFailure(host, wasMaster, vms, failedAtNanos, failedAtMs, (System.nanoTime() - failedAtNanos) / 1_000_000);
    }
}
