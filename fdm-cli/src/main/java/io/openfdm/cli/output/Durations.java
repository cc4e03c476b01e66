package io.openfdm.cli.output;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the CLI writes durations and times: short, human, and unit-bearing. */
public final class Durations {
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    private Durations() {
    }

    /**
     * A duration for people: {@code 850 ms}, {@code 4.2 s}, {@code 3 min 5 s}, {@code 2 h 10 min},
     * {@code 3 d 4 h}; a negative value (the status API's "never") prints as {@code never}.
     *
     * @param ms milliseconds
     */
    public static String human(long ms) {
        if (ms < 0) {
            return "never";
        }
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        if (s < 86_400) {
            return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
        return (s / 86_400) + " d " + (s % 86_400 / 3600) + " h";
    }

    /** {@code lastHeardMsAgo} as a column value: {@code 120 ms ago}, or {@code never}. */
    public static String ago(long msAgo) {
        return msAgo < 0 ? "never" : human(msAgo) + " ago";
    }

    /** An offset from a reference point, for timelines: {@code +2.31 s} (negative: {@code -0.10 s}). */
    public static String offset(long ms) {
        return String.format(Locale.ROOT, "%s%.2f s", ms < 0 ? "-" : "+", Math.abs(ms) / 1000.0);
    }

    /** Local wall-clock time of day with milliseconds ({@code 14:03:07.412}). */
    public static String clock(long epochMs) {
        return CLOCK.format(Instant.ofEpochMilli(epochMs));
    }
}
