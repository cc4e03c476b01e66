package io.openfdm.bench;

/** The benchmarks' waits between polls. */
public final class Pause {
    private Pause() {
    }

    /**
     * Sleeps {@code ms} milliseconds.
     *
     * @throws IllegalStateException when interrupted (the interrupt flag is kept): a benchmark run
     *                               that is interrupted is over
     */
    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
