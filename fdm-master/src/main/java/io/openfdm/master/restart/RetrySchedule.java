package io.openfdm.master.restart;

import io.openfdm.core.config.RestartPolicy;

import java.util.List;

/**
 * When a VM's next restart attempt is due after a failed one. Pure.
 *
 * <p>{@code attemptScheduleMs[i]} is when attempt {@code i + 1} is due after the first; the wait
 * after attempt {@code k} fails is {@code attemptScheduleMs[k] - attemptScheduleMs[k - 1]}, counted
 * from when the failure is seen (vSphere HA Deepdive: the retry clock starts when the previous
 * attempt is seen to fail). With VMware's default schedule the waits are 2, 4, 8 and 16 minutes:
 * attempts at T0, T2m, T6m, T14m, T30m when each attempt fails at once.
 */
public final class RetrySchedule {
    private final List<Long> attemptScheduleMs;

    /** @param attemptScheduleMs a validated schedule ({@link RestartPolicy#validate}) */
    public RetrySchedule(List<Long> attemptScheduleMs) {
        this.attemptScheduleMs = List.copyOf(attemptScheduleMs);
    }

    public static RetrySchedule of(RestartPolicy policy) {
        return new RetrySchedule(policy.attemptScheduleMs());
    }

    /** Attempts per VM, the first included. */
    public int maxAttempts() {
        return attemptScheduleMs.size();
    }

    /** True when {@code attemptsMade} attempts leave none to make. */
    public boolean exhausted(int attemptsMade) {
        return attemptsMade >= maxAttempts();
    }

    /**
     * The wait, ms, between seeing attempt {@code attemptsMade} fail and making the next one.
     *
     * @throws IllegalArgumentException when {@code attemptsMade} is below 1 or the schedule is exhausted
     */
    public long waitAfterFailureMs(int attemptsMade) {
        if (attemptsMade < 1 || exhausted(attemptsMade)) {
            throw new IllegalArgumentException("no attempt follows attempt " + attemptsMade + " of " + maxAttempts());
        }
        return attemptScheduleMs.get(attemptsMade) - attemptScheduleMs.get(attemptsMade - 1);
    }

    /** The longest single wait of the schedule, ms (bounds a wait read back from another master). */
    public long longestWaitMs() {
        long max = 0;
        for (int i = 1; i < attemptScheduleMs.size(); i++) {
            max = Math.max(max, attemptScheduleMs.get(i) - attemptScheduleMs.get(i - 1));
        }
        return max;
    }
}
