package io.openfdm.bench.election;

import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One election, read from the agents' journals (wall-clock milliseconds; all agents run on one
 * machine, so their clocks are the same clock).
 *
 * <p>Each agent's <em>start</em> is its first {@code ELECTION_STARTED} at or after the given time;
 * its <em>decision</em> is its last {@code ROLE_CHANGED} that names a master ({@code became master}
 * or {@code slave of X}; step-downs and resignations are not decisions). The election
 * <em>settles</em> at the latest decision; {@link #settleMs} counts from the earliest start.
 *
 * @param agents         agents that took part
 * @param master         the master every decision names
 * @param firstStartMs   earliest start, wall ms
 * @param lastStartMs    latest start, wall ms
 * @param lastDecisionMs latest decision, wall ms
 */
public record ElectionTiming(int agents, String master, long firstStartMs, long lastStartMs, long lastDecisionMs) {

    /** From the earliest start to the latest decision, milliseconds. */
    public long settleMs() {
        return lastDecisionMs - firstStartMs;
    }

    /** From the latest start to the latest decision, milliseconds: the election once every agent had begun. */
    public long settleAfterLastStartMs() {
        return lastDecisionMs - lastStartMs;
    }

    /** From the earliest to the latest start, milliseconds (how far apart the agents began). */
    public long startSpreadMs() {
        return lastStartMs - firstStartMs;
    }

    /**
     * @param eventsByHost every taking part agent's journal, oldest first
     * @param sinceWallMs  ignore events before this wall-clock time
     * @throws IllegalStateException if an agent has no start or no decision since then, or the
     *                               decisions name different masters
     */
    public static ElectionTiming of(Map<String, List<JournalEvent>> eventsByHost, long sinceWallMs) {
        long firstStart = Long.MAX_VALUE;
        long lastStart = Long.MIN_VALUE;
        long lastDecision = Long.MIN_VALUE;
        String master = null;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<JournalEvent>> e : eventsByHost.entrySet()) {
            List<JournalEvent> events = e.getValue().stream().filter(ev -> ev.wallMs() >= sinceWallMs).toList();
            Optional<JournalEvent> start = events.stream().filter(ev -> ev.kind() == EventKind.ELECTION_STARTED).findFirst();
            Optional<JournalEvent> decision = events.stream().filter(ElectionTiming::isDecision).reduce((a, b) -> b);
            if (start.isEmpty() || decision.isEmpty()) {
                problems.add(e.getKey() + (start.isEmpty() ? " started no election" : " decided nothing"));
                continue;
            }
            firstStart = Math.min(firstStart, start.get().wallMs());
            lastStart = Math.max(lastStart, start.get().wallMs());
            lastDecision = Math.max(lastDecision, decision.get().wallMs());
            if (master == null) {
                master = decision.get().subject();
            } else if (!master.equals(decision.get().subject())) {
                problems.add(e.getKey() + " decided for " + decision.get().subject() + ", others for " + master);
            }
        }
        if (!problems.isEmpty() || master == null) {
            throw new IllegalStateException("election not settled: " + (problems.isEmpty() ? "no agents" : String.join("; ", problems)));
        }
        return new ElectionTiming(eventsByHost.size(), master, firstStart, lastStart, lastDecision);
    }

    private static boolean isDecision(JournalEvent e) {
        return e.kind() == EventKind.ROLE_CHANGED
                && (e.message().startsWith("became master") || e.message().startsWith("slave of "));
    }
}
