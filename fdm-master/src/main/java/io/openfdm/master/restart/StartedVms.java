package io.openfdm.master.restart;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;

import java.util.Map;
import java.util.TreeMap;

/**
 * VMs this master powered on whose readiness still matters for restart orchestration: from the
 * successful power-on until they are ready and the post-ready delay has passed, or until the ready
 * timeout. The master marks them ready from its hosts' reports; {@link RestartOrder} reads them as
 * {@code STARTING} or {@code READY} members.
 */
public final class StartedVms {

    /**
     * @param rank      restart priority rank
     * @param host      where it was powered on
     * @param startedMs monotonic ms of the power-on request
     * @param readyMs   monotonic ms it was first seen ready, -1 before
     */
    public record Entry(int rank, HostId host, long startedMs, long readyMs) {
    }

    private final Map<VmId, Entry> entries = new TreeMap<>();

    public void started(VmId vm, int rank, HostId host, long startedMs) {
        entries.put(vm, new Entry(rank, host, startedMs, -1));
    }

    /** Records the first time {@code vm} is seen ready; later calls keep that time. */
    public void ready(VmId vm, long nowMs) {
        entries.computeIfPresent(vm, (k, e) -> e.readyMs() >= 0 ? e : new Entry(e.rank(), e.host(), e.startedMs(), nowMs));
    }

    public void forget(VmId vm) {
        entries.remove(vm);
    }

    /** Read-only view, by VM. */
    public Map<VmId, Entry> entries() {
        return java.util.Collections.unmodifiableMap(entries);
    }

    /** Drops entries that can no longer hold anything back: ready and past the delay, or past the timeout. */
    public void prune(long nowMs, long postReadyDelayMs, long readyTimeoutMs) {
        entries.values().removeIf(e -> (e.readyMs() >= 0 && nowMs - e.readyMs() >= postReadyDelayMs)
                || (e.readyMs() < 0 && nowMs - e.startedMs() >= readyTimeoutMs));
    }

    /** The entry as an orchestration member. */
    public static RestartOrder.Member member(VmId vm, Entry e) {
        return e.readyMs() >= 0 ? new RestartOrder.Member(vm, e.rank(), RestartOrder.Stage.READY, e.readyMs())
                : new RestartOrder.Member(vm, e.rank(), RestartOrder.Stage.STARTING, e.startedMs());
    }
}
