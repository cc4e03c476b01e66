package io.openfdm.bench.loss;

import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;

import java.util.Collection;
import java.util.List;

/**
 * What went wrong in a quiet period, counted from journal events: on a healthy cluster every one
 * of these is a false alarm.
 *
 * @param elections        {@code ELECTION_STARTED} (an agent thought its master gone)
 * @param roleChanges      {@code ROLE_CHANGED}
 * @param suspicions       {@code HOST_STATE_CHANGED} to a state other than connected (the master
 *                         thought a host silent: {@code networkPartitionedFromMaster} or dead)
 * @param declaredDead     of those, "declared dead"
 * @param restartRequests  {@code RESTART_REQUESTED}: a false failover
 * @param leaseLosses      {@code LEASE_LOST}
 * @param lines            the counted events, {@code <host>: <message>}
 */
public record FalseFailovers(int elections, int roleChanges, int suspicions, int declaredDead, int restartRequests,
                             int leaseLosses, List<String> lines) {

    /** Counts the alarms among {@code events} (the caller keeps only the watched period). */
    public static FalseFailovers count(Collection<JournalEvent> events) {
        List<JournalEvent> all = List.copyOf(events);
        List<JournalEvent> suspicions = all.stream().filter(FalseFailovers::isSuspicion).toList();
        List<JournalEvent> counted = all.stream().filter(e -> switch (e.kind()) {
            case ELECTION_STARTED, ROLE_CHANGED, RESTART_REQUESTED, LEASE_LOST -> true;
            case HOST_STATE_CHANGED -> isSuspicion(e);
            default -> false;
        }).toList();
        return new FalseFailovers(
                (int) all.stream().filter(e -> e.kind() == EventKind.ELECTION_STARTED).count(),
                (int) all.stream().filter(e -> e.kind() == EventKind.ROLE_CHANGED).count(),
                suspicions.size(),
                (int) suspicions.stream().filter(e -> e.message().contains("declared dead")).count(),
                (int) all.stream().filter(e -> e.kind() == EventKind.RESTART_REQUESTED).count(),
                (int) all.stream().filter(e -> e.kind() == EventKind.LEASE_LOST).count(),
                counted.stream().map(e -> e.host() + ": " + e.message()).toList());
    }

    /** The sums of two counts (e.g. of two simulator seeds). */
    public FalseFailovers plus(FalseFailovers o) {
        List<String> all = new java.util.ArrayList<>(lines);
        all.addAll(o.lines);
        return new FalseFailovers(elections + o.elections, roleChanges + o.roleChanges, suspicions + o.suspicions,
                declaredDead + o.declaredDead, restartRequests + o.restartRequests, leaseLosses + o.leaseLosses,
                List.copyOf(all));
    }

    /** Nothing at all went wrong. */
    public boolean none() {
        return elections == 0 && roleChanges == 0 && suspicions == 0 && restartRequests == 0 && leaseLosses == 0;
    }

    private static boolean isSuspicion(JournalEvent e) {
        return e.kind() == EventKind.HOST_STATE_CHANGED && !e.message().contains(" connected (was ");
    }
}
