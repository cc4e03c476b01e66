package io.openfdm.cli.demo;

import io.openfdm.cli.output.Durations;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What happened after a failure, in seconds since it: journal events of the surviving agents
 * (dead-host declarations, elections won, leases taken, restarts requested and done) merged with
 * what polling observed ({@code vm-5 seen running on host-3 (its host reports it)}).
 *
 * <pre>
 *   +0.00 s  host-2 killed (kill -9)
 *   +2.31 s  host-2 declared dead
 *   +2.35 s  vm-5 power-on requested on host-3
 *   +2.41 s  vm-5 running on host-3
 * </pre>
 */
public final class Timeline {
    private static final Set<EventKind> SHOWN = EnumSet.of(EventKind.HOST_STATE_CHANGED, EventKind.ROLE_CHANGED,
            EventKind.ELECTION_STARTED, EventKind.LEASE_ACQUIRED, EventKind.RESTART_REQUESTED,
            EventKind.RESTART_SUCCEEDED, EventKind.RESTART_FAILED);
    private static final Set<EventKind> PREFIX_HOST = EnumSet.of(EventKind.ROLE_CHANGED,
            EventKind.ELECTION_STARTED, EventKind.LEASE_ACQUIRED);

    private record Entry(long wallMs, int order, String text) {
    }

    private final long originMs;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    /** @param originMs the failure's wall-clock time, milliseconds since the epoch */
    public Timeline(long originMs) {
        this.originMs = originMs;
    }

    /** Adds a line at {@code wallMs} (milliseconds since the epoch); an identical line is kept once. */
    public void add(long wallMs, String text) {
        if (seen.add(text)) {
            entries.add(new Entry(wallMs, entries.size(), text));
        }
    }

    /**
     * Adds the journal events that tell the failover story: those at or after the failure; host
     * state changes only about {@code failedHost}; role changes only into {@code master}; the first
     * election start of each host.
     */
    public void addEvents(List<JournalEvent> events, String failedHost) {
        List<JournalEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(JournalEvent::wallMs));
        for (JournalEvent e : sorted) {
            if (e.wallMs() < originMs || e.kind() == null || !SHOWN.contains(e.kind())) {
                continue;
            }
            if (e.kind() == EventKind.HOST_STATE_CHANGED && !failedHost.equals(e.subject())
                    && !e.message().contains(failedHost)) {
                continue;
            }
            if (e.kind() == EventKind.ROLE_CHANGED && !"master".equals(e.role())) {
                continue;
            }
            String text = PREFIX_HOST.contains(e.kind()) && !e.message().contains(e.host())
                    ? e.host() + ": " + e.message() : e.message();
            add(e.wallMs(), text);
        }
    }

    /** The lines, sorted by time (ties in insertion order), each indented and ending with {@code \n}. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        entries.stream().sorted(Comparator.comparingLong(Entry::wallMs).thenComparingInt(Entry::order))
                .forEach(e -> sb.append(String.format("  %9s  %s\n", Durations.offset(e.wallMs() - originMs), e.text())));
        return sb.toString();
    }

    /** Number of lines. */
    public int size() {
        return entries.size();
    }
}
