package io.openfdm.bridge.push;

/**
 * Exponential backoff: {@code initialMs x 2^(failures-1)}, capped at {@code maxMs}.
 *
 * @param initialMs delay after the first failure, milliseconds, > 0
 * @param maxMs     longest delay, milliseconds, >= initialMs
 */
public record Backoff(long initialMs, long maxMs) {
    /** Retries agents after 0.5 s, 1 s, 2 s, ... up to every 30 s. */
    public static final Backoff PUSH_DEFAULT = new Backoff(500, 30_000);

    public Backoff {
        if (initialMs <= 0 || maxMs < initialMs) {
            throw new IllegalArgumentException("need 0 < initialMs <= maxMs, was " + initialMs + ", " + maxMs);
        }
    }

    /** The delay before the next attempt after {@code failures} failures in a row (>= 1). */
    public long delayMs(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        return Math.min(maxMs, initialMs << doublings);
    }
}
