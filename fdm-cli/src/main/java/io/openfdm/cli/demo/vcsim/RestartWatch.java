package io.openfdm.cli.demo.vcsim;

import io.openfdm.vsphere.VsphereClient;
import io.openfdm.vsphere.VsphereException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Watches vCenter after a {@link HostFailure} until every VM of the failed host is powered on on
 * another host: it reads {@code runtime.host} and {@code runtime.powerState} of every VM (one
 * {@code RetrievePropertiesEx}) every {@value #POLL_MS} ms (by default) and notes when each VM is first seen
 * running elsewhere. Once all are, it waits {@value #SETTLE_MS} ms (a second copy would show up by
 * then) and judges the final read with {@link ExactlyOnce}.
 */
public final class RestartWatch {
    static final long POLL_MS = 100;
    static final long SETTLE_MS = 1_000;

    private RestartWatch() {
    }

    /**
     * One VM of the failed host.
     *
     * @param before  the VM before the failure
     * @param after   the VM first seen powered on on another host, if it was
     * @param afterMs milliseconds from the failure to that read, or -1
     */
    public record Restart(VmRow before, Optional<VmRow> after, long afterMs) {
        public boolean restarted() {
            return after.isPresent();
        }
    }

    /**
     * @param restarts  one per VM of the failed host, in its order
     * @param finalRead every VM as vCenter reported it at the end
     * @param problems  {@link ExactlyOnce#problems} of the final read, plus VMs never seen restarted
     * @param elapsedMs from the failure to the final read, milliseconds
     */
    public record Outcome(List<Restart> restarts, List<VmRow> finalRead, List<String> problems, long elapsedMs) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Polls every {@value #POLL_MS} ms.
     *
     * @param protectedVms every VM the master protected before the failure
     * @param timeoutMs    longest wait after the failure, milliseconds
     */
    public static Outcome await(VsphereClient vc, HostFailure failure, Collection<VmRow> protectedVms, long timeoutMs) {
        return await(vc, failure, protectedVms, timeoutMs, POLL_MS);
    }

    /**
     * @param pollMs pause between two reads, milliseconds (the benchmarks use a shorter one)
     */
    public static Outcome await(VsphereClient vc, HostFailure failure, Collection<VmRow> protectedVms, long timeoutMs,
                                long pollMs) {
        long deadline = failure.failedAtNanos() + timeoutMs * 1_000_000;
        Map<String, Restart> seen = new LinkedHashMap<>();
        String lastError = null;
        while (seen.size() < failure.vms().size() && System.nanoTime() < deadline) {
            try {
                List<VmRow> now = VmCensus.read(vc);
                long ms = (System.nanoTime() - failure.failedAtNanos()) / 1_000_000;
                for (VmRow vm : failure.vms()) {
                    if (seen.containsKey(vm.moid())) {
                        continue;
                    }
                    now.stream().filter(r -> r.vmxPath().equals(vm.vmxPath()) && r.poweredOn()
                                    && !r.host().equals(failure.host())).findFirst()
                            .ifPresent(r -> seen.put(vm.moid(), new Restart(vm, Optional.of(r), ms)));
                }
                lastError = null;
            } catch (VsphereException e) {
                lastError = e.getMessage();
            }
            if (seen.size() < failure.vms().size()) {
                sleep(pollMs);
            }
        }
        sleep(SETTLE_MS);
        List<VmRow> finalRead;
        List<String> problems = new ArrayList<>();
        try {
            finalRead = VmCensus.read(vc);
            problems.addAll(ExactlyOnce.problems(protectedVms, finalRead, Set.of(failure.host())));
        } catch (VsphereException e) {
            finalRead = List.of();
            problems.add("vCenter could not be read at the end: " + e.getMessage());
        }
        List<Restart> restarts = new ArrayList<>();
        for (VmRow vm : failure.vms()) {
            Restart r = seen.get(vm.moid());
            if (r == null) {
                r = new Restart(vm, Optional.empty(), -1);
                problems.removeIf(p -> p.startsWith(vm.moid() + " "));
                problems.add(vm.moid() + " (" + vm.name() + "): not seen running on another host within "
                        + timeoutMs / 1000 + " s of the failure" + (lastError == null ? "" : " (last vCenter error: " + lastError + ")"));
            }
            restarts.add(r);
        }
        return new Outcome(restarts, finalRead, List.copyOf(problems),
                (System.nanoTime() - failure.failedAtNanos()) / 1_000_000);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.openfdm.cli.CliException(io.openfdm.cli.ExitCodes.ERROR, "interrupted");
        }
    }
}
