package io.openfdm.core.env;

/**
 * Time, as the agent sees it. Every timeout uses {@link #monotonicMs()}; wall time is only shown
 * to people and written to the journal, never compared between hosts.
 */
public interface Clock {
    /** Milliseconds from an arbitrary origin; never goes backwards, unaffected by wall-clock jumps. */
    long monotonicMs();

    /** Milliseconds since the Unix epoch; may jump. */
    long wallMs();

    /** The JVM's clocks: {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
    static Clock system() {
        return new Clock() {
            @Override
            public long monotonicMs() {
                return System.nanoTime() / 1_000_000L;
            }

            @Override
            public long wallMs() {
                return System.currentTimeMillis();
            }
        };
    }
}
