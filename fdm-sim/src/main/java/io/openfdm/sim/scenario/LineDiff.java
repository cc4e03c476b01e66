package io.openfdm.sim.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified-style diff of two texts, line by line (longest common subsequence), for showing how a
 * produced timeline differs from {@code log.expect}. Only changed lines and {@link #CONTEXT} lines
 * around them are shown, under {@code @@ -a,n +b,m @@} headers.
 */
public final class LineDiff {
    /** Unchanged lines shown around each change. */
    public static final int CONTEXT = 3;
    /** Texts longer than this many lines are compared by their first differing line only. */
    public static final int MAX_LINES = 5_000;

    private LineDiff() {
    }

    /** The diff from {@code expected} to {@code actual}, or "" when they are equal. */
    public static String unified(String expectedName, String expected, String actualName, String actual) {
        if (expected.equals(actual)) {
            return "";
        }
        List<String> a = lines(expected);
        List<String> b = lines(actual);
        StringBuilder out = new StringBuilder("--- " + expectedName + "\n+++ " + actualName + "\n");
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            int i = 0;
            while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
                i++;
            }
            return out.append("first difference at line ").append(i + 1).append('\n')
                    .append("-").append(i < a.size() ? a.get(i) : "<end>").append('\n')
                    .append("+").append(i < b.size() ? b.get(i) : "<end>").append('\n').toString();
        }
        List<Op> ops = ops(a, b);
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k).kind == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            int lastChange = k;
            while (end < ops.size() && end - lastChange <= 2 * CONTEXT) {
                if (ops.get(end).kind != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            int aStart = ops.get(start).aLine;
            int bStart = ops.get(start).bLine;
            int aCount = 0;
            int bCount = 0;
            StringBuilder hunk = new StringBuilder();
            for (int i = start; i < end; i++) {
                Op op = ops.get(i);
                hunk.append(op.kind).append(op.text).append('\n');
                if (op.kind != '+') {
                    aCount++;
                }
                if (op.kind != '-') {
                    bCount++;
                }
            }
            out.append("@@ -").append(aStart + 1).append(',').append(aCount)
                    .append(" +").append(bStart + 1).append(',').append(bCount).append(" @@\n").append(hunk);
            k = end;
        }
        return out.toString();
    }

    private record Op(char kind, String text, int aLine, int bLine) {
    }

    private static List<Op> ops(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), i, j));
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new Op('-', a.get(i), i, j));
                i++;
            } else {
                ops.add(new Op('+', b.get(j), i, j));
                j++;
            }
        }
        return ops;
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
