package io.openfdm.cli.cluster;

import java.util.Comparator;

/**
 * Display order for MOIDs: the text before the trailing number, then the number, so
 * {@code host-2} lists before {@code host-10}. Only for printing; the election compares MOIDs as
 * plain strings (VMware's rule).
 */
public final class MoidOrder {
    /** Prefix, then trailing number, then the whole string. */
    public static final Comparator<String> NATURAL = Comparator
            .comparing(MoidOrder::prefix)
            .thenComparingLong(MoidOrder::number)
            .thenComparing(Comparator.naturalOrder());

    private MoidOrder() {
    }

    private static String prefix(String moid) {
        int i = moid.length();
        while (i > 0 && Character.isDigit(moid.charAt(i - 1))) {
            i--;
        }
        return moid.substring(0, i);
    }

    private static long number(String moid) {
        String digits = moid.substring(prefix(moid).length());
        if (digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        return Long.parseLong(digits);
    }
}
