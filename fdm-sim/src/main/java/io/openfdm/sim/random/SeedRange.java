package io.openfdm.sim.random;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Runs a range of seeds on a fixed number of threads (each {@link SeedRun} is independent) and
 * hands the outcomes back in seed order.
 */
public final class SeedRange {
    private SeedRange() {
    }

    /**
     * Runs seeds {@code first..last} (inclusive) on {@code threads} threads; {@code each} sees every
     * outcome in seed order, on the calling thread.
     *
     * @return the outcomes in seed order
     * @throws IllegalArgumentException if {@code last < first} or {@code threads < 1}
     */
    public static List<SeedRun.Outcome> run(long first, long last, int threads, Consumer<SeedRun.Outcome> each) {
        return run(first, last, threads, SeedRun::run, each);
    }

    /**
     * As {@link #run(long, long, int, Consumer)} with another way to run one seed (tests).
     *
     * @param runner runs one seed; called on the pool's threads
     */
    static List<SeedRun.Outcome> run(long first, long last, int threads, LongFunction<SeedRun.Outcome> runner,
                                     Consumer<SeedRun.Outcome> each) {
        if (last < first) {
            throw new IllegalArgumentException("last seed " + last + " is below first seed " + first);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "seed-runner");
            t.setDaemon(true);
            return t;
        });
        try {
            List<SeedRun.Outcome> outcomes = new ArrayList<>();
            long next = first;
            List<Future<SeedRun.Outcome>> window = new ArrayList<>();
            int windowSize = threads * 8;
            while (next <= last || !window.isEmpty()) {
                while (next <= last && window.size() < windowSize) {
                    long seed = next++;
                    window.add(pool.submit(() -> runner.apply(seed)));
                }
                SeedRun.Outcome o = window.remove(0).get();
                outcomes.add(o);
                each.accept(o);
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a seed run threw", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
