package io.openfdm.sim.scenario;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Scenario times: seconds with at most three decimals, converted exactly to milliseconds. */
public final class Times {
    private Times() {
    }

    /**
     * Parses {@code 12}, {@code 12.5} or {@code -0.250} (when {@code signed}) into milliseconds.
     *
     * @throws IllegalArgumentException with a readable reason
     */
    public static long parseSeconds(String text, boolean signed) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number of seconds");
        }
        if (!signed && seconds.signum() < 0) {
            throw new IllegalArgumentException("time must be >= 0 seconds, was " + text);
        }
        if (seconds.stripTrailingZeros().scale() > 3) {
            throw new IllegalArgumentException("'" + text + "' has more than 3 decimals (milliseconds are the finest unit)");
        }
        if (seconds.abs().compareTo(BigDecimal.valueOf(86_400L * 365)) > 0) {
            throw new IllegalArgumentException("'" + text + "' seconds is more than a year");
        }
        return seconds.movePointRight(3).longValueExact();
    }

    /** Milliseconds as seconds with three decimals: {@code 12500 -> "12.500"}. */
    public static String format(long ms) {
        return BigDecimal.valueOf(ms).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY).toPlainString();
    }
}
