package io.openfdm.bench.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Measured durations of one benchmark, in milliseconds, and their summary.
 *
 * <p>Median: the middle value, or the mean of the two middle values for an even count. p95: the
 * nearest-rank 95th percentile, the value at rank {@code ceil(0.95 n)} of the sorted samples
 * (1-based), so with fewer than 20 samples p95 is the maximum. An empty set has no summary; every
 * accessor then throws {@link IllegalStateException}.
 */
public final class Samples {
    private final List<Long> valuesMs = new ArrayList<>();

    /** Adds one measurement. @throws IllegalArgumentException for a negative duration */
    public Samples add(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("a duration must be >= 0 ms, was " + ms);
        }
        valuesMs.add(ms);
        return this;
    }

    public int count() {
        return valuesMs.size();
    }

    public boolean isEmpty() {
        return valuesMs.isEmpty();
    }

    /** The measurements in the order they were added. */
    public List<Long> valuesMs() {
        return List.copyOf(valuesMs);
    }

    public double medianMs() {
        List<Long> s = sorted();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
    }

    public long p95Ms() {
        List<Long> s = sorted();
        int rank = (int) Math.ceil(0.95 * s.size());
        return s.get(Math.max(rank, 1) - 1);
    }

    public long minMs() {
        return sorted().get(0);
    }

    public long maxMs() {
        List<Long> s = sorted();
        return s.get(s.size() - 1);
    }

    /** A duration in seconds with three decimals, e.g. {@code 2.460}, for tables. */
    public static String seconds(double ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    private List<Long> sorted() {
        if (valuesMs.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Long> s = new ArrayList<>(valuesMs);
        Collections.sort(s);
        return s;
    }
}
