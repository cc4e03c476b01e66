package io.openfdm.master.markers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * When the master lists the poweredoff markers directories ({@code .vSphere-HA/<cluster>/poweredoff/}
 * of every datastore it reaches), and which of those listings have answered.
 *
 * <p>Markers matter only around isolation: an isolated host writes one for each VM its isolation
 * response powered off, and the master needs them while some host is silent (isolated,
 * partitioned or dead), after a host comes back from a silence (did it power its VMs off?), and
 * while markers are known (to delete them once their VMs run again). Then the directories are
 * listed every {@code intervalMs} (the poweron-read interval, 1 s at the default timing).
 * Otherwise a listing every {@link #IDLE_INTERVAL_MS} is enough, and spares every datastore a
 * directory listing a second. The first listing is at once.
 *
 * <p>A listing counts as read from the time it was <em>requested</em>, and only once its answer
 * is in: {@link #readSince} is what "the markers were read after the host came back" means. A
 * listing requested while the previous one of its datastore is unanswered keeps the older time.
 */
public final class MarkerReadSchedule {
    /** Longest time between two listings when nothing needs markers, milliseconds. */
    public static final long IDLE_INTERVAL_MS = 10_000;

    private long lastRequestMs = Long.MIN_VALUE;
    private List<String> lastRound = List.of();
    /** Per datastore: request time of its oldest unanswered listing. */
    private final Map<String, Long> unansweredSinceMs = new TreeMap<>();
    /** Per datastore: request time of its last answered listing. */
    private final Map<String, Long> answeredMs = new TreeMap<>();

    /**
     * True when the listings are due now.
     *
     * @param intervalMs period while markers are needed, milliseconds
     * @param needed     whether anything needs the markers now (see the class comment)
     */
    public boolean due(long nowMs, long intervalMs, boolean needed) {
        return lastRequestMs == Long.MIN_VALUE || nowMs - lastRequestMs >= (needed ? intervalMs : IDLE_INTERVAL_MS);
    }

    /** Listings of {@code datastores} were requested at {@code nowMs}. */
    public void requested(Collection<String> datastores, long nowMs) {
        lastRequestMs = nowMs;
        lastRound = List.copyOf(datastores);
        for (String ds : datastores) {
            unansweredSinceMs.putIfAbsent(ds, nowMs);
        }
    }

    /** The listing of {@code datastore} answered (successfully or not). */
    public void answered(String datastore) {
        Long requestedMs = unansweredSinceMs.remove(datastore);
        if (requestedMs != null) {
            answeredMs.merge(datastore, requestedMs, Math::max);
        }
    }

    /**
     * True when every datastore of the last round has answered a listing requested after
     * {@code sinceMs}. Always true for {@code Long.MIN_VALUE} (a host that never came back from a
     * silence: nothing to wait for).
     */
    public boolean readSince(long sinceMs) {
        if (sinceMs == Long.MIN_VALUE) {
            return true;
        }
        for (String ds : lastRound) {
            if (answeredMs.getOrDefault(ds, Long.MIN_VALUE) <= sinceMs) {
                return false;
            }
        }
        return true;
    }
}
