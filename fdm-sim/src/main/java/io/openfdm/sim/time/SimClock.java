package io.openfdm.sim.time;

import io.openfdm.core.env.Clock;

import java.util.function.LongSupplier;

/**
 * One host's clocks over the scheduler's virtual time.
 *
 * <ul>
 *   <li>{@link #monotonicMs()} = this host's fixed monotonic offset (hosts do not share an origin,
 *       as {@code System.nanoTime()} does not) + the host's elapsed time measured at its own
 *       rate: a {@linkplain #setDriftPercent drifting} oscillator runs a few percent fast or
 *       slow, as a cheap crystal does, so the same timeout lasts a different virtual time on two
 *       hosts. Monotonic time never goes back.</li>
 *   <li>{@link #wallMs()} = {@link #EPOCH_MS} + virtual time + this host's wall offset, which
 *       {@link #jumpWall} moves (NTP step, operator error) without touching monotonic time.</li>
 * </ul>
 * "Virtual time" here includes the I/O time the host's agent thread has spent in its current
 * step ({@link #setInStepDelay}): a thread blocked on a slow datastore sees its clock move.
 */
public final class SimClock implements Clock {
    /** Wall time at virtual time 0: 2026-01-01T00:00:00Z, in milliseconds since the Unix epoch. */
    public static final long EPOCH_MS = 1_767_225_600_000L;
    /** Largest drift {@link #setDriftPercent} accepts, percent either way. */
    public static final double MAX_DRIFT_PERCENT = 50.0;

    private final Scheduler scheduler;
    private final long monotonicOffsetMs;
    private long wallOffsetMs;
    /** Virtual time and monotonic time (without the offset) at the last drift change. */
    private long anchorVirtualMs;
    private double anchorElapsedMs;
    private double rate = 1.0;
    private LongSupplier inStepDelayMs = () -> 0L;

    /**
     * @param scheduler         the source of virtual time
     * @param monotonicOffsetMs added to the host's elapsed time by {@link #monotonicMs()}, >= 0
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
        return monotonicOffsetMs + (long) Math.floor(elapsedAt(virtualMs()));
    }

    @Override
    public long wallMs() {
        return EPOCH_MS + virtualMs() + wallOffsetMs;
    }

    /** Moves this host's wall clock by {@code deltaMs} milliseconds (negative: backwards). */
    public void jumpWall(long deltaMs) {
        wallOffsetMs += deltaMs;
    }

    /**
     * From now on the monotonic clock runs {@code percent} percent fast (positive) or slow
     * (negative) against virtual time; 0 is exact.
     *
     * @throws IllegalArgumentException outside [-{@value #MAX_DRIFT_PERCENT}, {@value #MAX_DRIFT_PERCENT}]
     */
    public void setDriftPercent(double percent) {
        if (!(Math.abs(percent) <= MAX_DRIFT_PERCENT)) {
            throw new IllegalArgumentException("drift must be within +-" + MAX_DRIFT_PERCENT + " %, was " + percent);
        }
        long now = virtualMs();
        anchorElapsedMs = elapsedAt(now);
        anchorVirtualMs = now;
        rate = 1.0 + percent / 100.0;
    }

    /** The current rate: monotonic milliseconds per virtual millisecond (1.0 = exact). */
    public double rate() {
        return rate;
    }

    /**
     * Virtual milliseconds that pass while this host's clock measures {@code hostMs} (its timers
     * fire this much virtual time after they are armed); at least 1 for a positive duration.
     */
    public long virtualDelayFor(long hostMs) {
        if (hostMs <= 0) {
            return 0;
        }
        return Math.max(1, Math.round(hostMs / rate));
    }

    /** Where the I/O time of the host's current step comes from (milliseconds, >= 0). */
    public void setInStepDelay(LongSupplier inStepDelayMs) {
        this.inStepDelayMs = inStepDelayMs;
    }

    private long virtualMs() {
        return scheduler.nowMs() + inStepDelayMs.getAsLong();
    }

    private double elapsedAt(long virtualMs) {
        return anchorElapsedMs + (virtualMs - anchorVirtualMs) * rate;
    }
}
