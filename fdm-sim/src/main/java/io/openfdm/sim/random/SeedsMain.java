package io.openfdm.sim.random;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * The random tier from the command line ({@code bin/fdm-sim-seeds}):
 * <pre>
 * fdm-sim-seeds [--from N] [--to M | --count C] [--threads T] [--verbose]
 * </pre>
 * runs seeds N..M (default 1..1000) on T threads (default: the number of CPUs), prints every
 * failing seed (violation, cluster, cmdlist, timeline tail and the one-line replay command), a
 * summary line with the time taken, and ends with the line {@code <N> passed, <M> failed}. Exit
 * status: 0 when every seed passed, 1 when some failed, 2 for bad arguments.
 */
public final class SeedsMain {
    private SeedsMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, SeedRun::run);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, running each seed with {@code runner} (tests). */
    static int run(String[] args, PrintStream out, PrintStream err, LongFunction<SeedRun.Outcome> runner) {
        long from = 1;
        Long to = null;
        Long count = null;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean verbose = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--from" -> from = number(args, ++i, "--from");
                    case "--to" -> to = number(args, ++i, "--to");
                    case "--count" -> count = number(args, ++i, "--count");
                    case "--threads" -> threads = (int) number(args, ++i, "--threads");
                    case "--verbose" -> verbose = true;
                    case "--help", "-h" -> {
                        out.println("usage: fdm-sim-seeds [--from N] [--to M | --count C] [--threads T] [--verbose]");
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (to != null && count != null) {
                throw new IllegalArgumentException("give --to or --count, not both");
            }
            long last = to != null ? to : from + (count != null ? count : 1000) - 1;
            if (last < from) {
                throw new IllegalArgumentException("--to " + last + " is below --from " + from);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, was " + threads);
            }
            return runRange(from, last, threads, verbose, out, runner);
        } catch (IllegalArgumentException e) {
            err.println("fdm-sim-seeds: " + e.getMessage());
            return 2;
        }
    }

    private static int runRange(long from, long last, int threads, boolean verbose, PrintStream out,
                                LongFunction<SeedRun.Outcome> runner) {
        long startedNs = System.nanoTime();
        long[] passed = {0};
        long[] failed = {0};
        long[] longestOwed = {0};
        long[] events = {0};
        long[] lockRefusals = {0};
        long total = last - from + 1;
        long progressEvery = Math.max(1000, total / 100);
        SeedRange.run(from, last, threads, runner, o -> {
            events[0] += o.events();
            lockRefusals[0] += o.lockRefusals();
            longestOwed[0] = Math.max(longestOwed[0], o.longestOwedMs());
            if (o.passed()) {
                passed[0]++;
                if (verbose) {
                    out.println("seed " + o.seed() + " passed");
                }
            } else {
                failed[0]++;
                out.println("FAILED seed " + o.seed() + ": " + o.failure());
            }
            long done = passed[0] + failed[0];
            if (done % progressEvery == 0 && done < total) {
                out.printf(Locale.ROOT, "... %d of %d seeds, %d failed, %.0f s%n", done, total, failed[0],
                        (System.nanoTime() - startedNs) / 1e9);
            }
        });
        double seconds = (System.nanoTime() - startedNs) / 1e9;
        out.printf(Locale.ROOT, "seeds %d..%d on %d threads in %.1f s (%.1f ms per seed, %d simulator events,"
                        + " longest restart wait %d ms, %d restarts refused by a disk lock)%n", from, last, threads, seconds,
                1000 * seconds / total, events[0], longestOwed[0], lockRefusals[0]);
        out.println(passed[0] + " passed, " + failed[0] + " failed");
        return failed[0] == 0 ? 0 : 1;
    }

    private static long number(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a number");
        }
        try {
            return Long.parseLong(args[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + args[i] + "'");
        }
    }
}
