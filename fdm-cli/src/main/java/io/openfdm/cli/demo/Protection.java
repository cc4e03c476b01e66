package io.openfdm.cli.demo;

import io.openfdm.cli.CliException;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.cluster.LocalCluster;
import io.openfdm.core.status.VmStatus;

import java.util.List;

/** Waiting until a fresh cluster protects its VMs (before any failure is worth injecting). */
public final class Protection {
    private static final long POLL_MS = 200;

    private Protection() {
    }

    /**
     * Polls the master's {@code /status} until it lists at least {@code vms} powered-on VMs and
     * every powered-on VM is {@code protectedByHa}.
     *
     * @param timeoutMs how long to wait, in milliseconds
     * @return the view in which that held
     * @throws CliException (failed) at the timeout, saying how far protection got
     */
    public static ClusterView await(LocalCluster cluster, int vms, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        String why;
        while (true) {
            ClusterView view = cluster.poll();
            var master = view.preferred().filter(a -> "master".equals(a.status().role()));
            if (master.isEmpty()) {
                why = "no master answered" + view.describeProblems();
            } else {
                List<VmStatus> on = master.get().status().vms().stream()
                        .filter(v -> Placement.POWERED_ON.equals(v.power())).toList();
                long unprotected = on.stream().filter(v -> !v.protectedByHa()).count();
                if (on.size() >= vms && unprotected == 0) {
                    return view;
                }
                why = on.size() + " of " + vms + " VMs powered on in the master's view, " + unprotected + " not protected";
            }
            if (System.nanoTime() > deadline) {
                throw CliException.failed("VMs not protected within " + timeoutMs / 1000 + " s: " + why);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliException.failed("interrupted");
            }
        }
    }
}
