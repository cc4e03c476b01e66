package io.openfdm.datastore.heartbeat;

import java.util.OptionalLong;

/**
 * What a watcher (the master) knows about one host's datastore heartbeat file. Pure and
 * immutable; times are the watcher's monotonic clock in milliseconds.
 *
 * <p>A heartbeat is stale when its counter has not changed for {@code timeoutMs}, or when it has
 * never been seen for {@code timeoutMs} since watching began. Absent or corrupt reads change
 * nothing: they neither prove life nor restart the timer.
 *
 * @param lastCounter  the last counter seen (0 if none)
 * @param lastChangeMs when the counter last changed, or when watching began if it never did
 * @param seen         whether a valid counter has ever been read
 * @param changes      how often the counter changed after it was first seen: a first sighting
 *                     proves nothing about when the file was written, a change does
 */
public record HeartbeatView(long lastCounter, long lastChangeMs, boolean seen, long changes) {

    /** Starts watching at {@code nowMs} with nothing seen yet. */
    public static HeartbeatView start(long nowMs) {
        return new HeartbeatView(0, nowMs, false, 0);
    }

    /**
     * True when the counter was seen to change at a time that proves a write after
     * {@code sinceMs}: observed more than {@code readIntervalMs} (the watcher's read period)
     * after it, so the write itself came after {@code sinceMs}.
     */
    public static boolean changedAfter(HeartbeatView v, long sinceMs, long readIntervalMs) {
        return v.changes > 0 && v.lastChangeMs > sinceMs + readIntervalMs;
    }

    /**
     * Folds in one read.
     *
     * @param v       the view so far ({@link #start} for the first read)
     * @param counter the counter read, or empty when the file was absent or corrupt
     * @param nowMs   monotonic clock, milliseconds
     */
    public static HeartbeatView observe(HeartbeatView v, OptionalLong counter, long nowMs) {
        if (counter.isEmpty()) {
            return v;
        }
        long c = counter.getAsLong();
        if (!v.seen) {
            return new HeartbeatView(c, nowMs, true, 0);
        }
        if (c != v.lastCounter) {
            return new HeartbeatView(c, nowMs, true, v.changes + 1);
        }
        return v;
    }

    /** True when the counter has been unchanged, or never seen, for at least {@code timeoutMs}. */
    public static boolean stale(HeartbeatView v, long nowMs, long timeoutMs) {
        return nowMs - v.lastChangeMs >= timeoutMs;
    }
}
