package io.openfdm.sim.time;

import java.util.PriorityQueue;

/**
 * Virtual time and a discrete-event scheduler.
 *
 * <p>Events are kept in a priority queue ordered by (due time in milliseconds, insertion
 * sequence): two events due at the same millisecond run in the order they were scheduled, so a run
 * depends only on its inputs and its seed, never on hashing or threads (FoundationDB's and
 * TigerBeetle's deterministic simulation). Time only moves when the next event is taken; nothing
 * runs concurrently.
 *
 * <p>Limit: {@link #runUntil} refuses to run more than {@code maxEventsPerRun} events in one call,
 * so a livelock (an event that keeps scheduling itself at the same instant) fails loudly instead
 * of hanging the build.
 */
public final class Scheduler {
    /** Default cap on events per {@link #runUntil} call; a 10-host cluster for 10 minutes needs about 2 million. */
    public static final long DEFAULT_MAX_EVENTS_PER_RUN = 20_000_000L;

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final long maxEventsPerRun;
    private long nowMs;
    private long sequence;
    private long executed;

    /** A scheduler at virtual time 0 with the default event cap. */
    public Scheduler() {
        this(DEFAULT_MAX_EVENTS_PER_RUN);
    }

    /** @param maxEventsPerRun events one {@link #runUntil} call may run before it throws, > 0 */
    public Scheduler(long maxEventsPerRun) {
        if (maxEventsPerRun <= 0) {
            throw new IllegalArgumentException("maxEventsPerRun must be > 0, was " + maxEventsPerRun);
        }
        this.maxEventsPerRun = maxEventsPerRun;
    }

    /** The current virtual time, milliseconds since the start of the run. */
    public long nowMs() {
        return nowMs;
    }

    /** Events run so far, over the scheduler's whole life. */
    public long executed() {
        return executed;
    }

    /** Events still waiting. */
    public int pending() {
        return queue.size();
    }

    /**
     * Runs {@code action} at virtual time {@code atMs}.
     *
     * @throws IllegalArgumentException if {@code atMs} is in the past
     */
    public void at(long atMs, Runnable action) {
        if (atMs < nowMs) {
            throw new IllegalArgumentException("cannot schedule at " + atMs + " ms, now is " + nowMs + " ms");
        }
        queue.add(new Event(atMs, sequence++, action));
    }

    /** Runs {@code action} {@code delayMs} milliseconds from now ({@code delayMs} >= 0). */
    public void after(long delayMs, Runnable action) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("delayMs must be >= 0, was " + delayMs);
        }
        at(nowMs + delayMs, action);
    }

    /**
     * Runs every event due at or before {@code endMs}, in order, calling {@code afterEach} after
     * each one (the invariant checkers hook in here), then sets the time to {@code endMs}.
     *
     * @throws IllegalStateException if more than {@code maxEventsPerRun} events would run
     */
    public void runUntil(long endMs, Runnable afterEach) {
        if (endMs < nowMs) {
            throw new IllegalArgumentException("cannot run until " + endMs + " ms, now is " + nowMs + " ms");
        }
        long budget = maxEventsPerRun;
        while (!queue.isEmpty() && queue.peek().atMs <= endMs) {
            if (budget-- == 0) {
                throw new IllegalStateException("more than " + maxEventsPerRun + " events before " + endMs
                        + " ms (now " + nowMs + " ms): livelock?");
            }
            Event next = queue.poll();
            nowMs = next.atMs;
            executed++;
            next.action.run();
            afterEach.run();
        }
        nowMs = endMs;
    }

    private record Event(long atMs, long seq, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            int byTime = Long.compare(atMs, other.atMs);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }
}
