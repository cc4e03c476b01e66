package io.openfdm.sim.time;

import io.openfdm.core.env.Clock;

/**
 * One host's clocks over the scheduler's virtual time.
 *
 * <ul>
 *   <li>{@link #monotonicMs()} = virtual time + this host's fixed monotonic offset (hosts do not
 *       share an origin, as {@code System.nanoTime()} does not);</li>
 *   <li>{@link #wallMs()} = {@link #EPOCH_MS} + virtual time + this host's wall offset, which
 *       {@link #jumpWall} moves (NTP step, operator error) without touching monotonic time.</li>
 * </ul>
 */
public final class SimClock implements Clock {
    /** Wall time at virtual time 0: 2026-01-01T00:00:00Z, in milliseconds since the Unix epoch. */
    public static final long EPOCH_MS = 1_767_225_600_000L;

    private final Scheduler scheduler;
    private final long monotonicOffsetMs;
    private long wallOffsetMs;

    /**
     * @param scheduler         the source of virtual time
     * @param monotonicOffsetMs added to virtual time by {@link #monotonicMs()}, >= 0
     */
    public SimClock(Scheduler scheduler, long monotonicOffsetMs) {
        if (monotonicOffsetMs < 0) {
            throw new IllegalArgumentException("monotonicOffsetMs must be >= 0, was " + monotonicOffsetMs);
        }
        this.scheduler = scheduler;
        this.monotonicOffsetMs = monotonicOffsetMs;
    }

    @Override
    public long monotonicMs() {
        return scheduler.nowMs() + monotonicOffsetMs;
    }

    @Override
    public long wallMs() {
        return EPOCH_MS + scheduler.nowMs() + wallOffsetMs;
    }

    /** Moves this host's wall clock by {@code deltaMs} milliseconds (negative: backwards). */
    public void jumpWall(long deltaMs) {
        wallOffsetMs += deltaMs;
    }
}
