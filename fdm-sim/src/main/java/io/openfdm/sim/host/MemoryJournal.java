package io.openfdm.sim.host;

import io.openfdm.core.journal.EventJournal;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.sim.time.Scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * One host's journal in memory (H2 in production). It survives crashes of its host, as the H2 file
 * does, and copies every event to the cluster's {@link Timeline} at the current virtual time.
 * Keeps at most {@link #CAPACITY} events, dropping the oldest (a long random run must not grow
 * without bound).
 */
public final class MemoryJournal implements EventJournal {
    /** Events kept per host. */
    public static final int CAPACITY = 10_000;

    private final Scheduler scheduler;
    private final Timeline timeline;
    private final List<JournalEvent> events = new ArrayList<>();

    public MemoryJournal(Scheduler scheduler, Timeline timeline) {
        this.scheduler = scheduler;
        this.timeline = timeline;
    }

    @Override
    public void record(JournalEvent event) {
        if (events.size() == CAPACITY) {
            events.remove(0);
        }
        events.add(event);
        timeline.event(scheduler.nowMs(), event);
    }

    @Override
    public List<JournalEvent> recent(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return List.copyOf(events.subList(Math.max(0, events.size() - limit), events.size()));
    }
}
