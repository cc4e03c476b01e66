package io.openfdm.bench.failover;

import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the surviving agents' journals say about one host failure, in milliseconds after the
 * {@code kill -9} (wall clock; every agent runs on this machine, so there is one clock):
 *
 * @param declaredDeadMs first {@code HOST_STATE_CHANGED} "declared dead" about the killed host, or -1
 * @param newMasterMs    first "became master" (only after a master was killed), or -1
 * @param firstRequestMs first {@code RESTART_REQUESTED} of one of the killed host's VMs, or -1
 * @param allRunningMs   when the last of the killed host's VMs was powered on elsewhere
 *                       ({@code VM_POWERED_ON} on the target host, the first one per VM), or -1 if one never was
 */
public record FailoverTiming(long declaredDeadMs, long newMasterMs, long firstRequestMs, long allRunningMs) {

    /**
     * @param events     every surviving agent's journal events (any order)
     * @param killedHost the MOID of the killed host
     * @param vms        the VMs it ran
     * @param killWallMs the wall-clock time of the kill
     */
    public static FailoverTiming of(Collection<JournalEvent> events, String killedHost, Set<String> vms, long killWallMs) {
        List<JournalEvent> after = events.stream().filter(e -> e.wallMs() >= killWallMs).toList();
        long dead = first(after, e -> e.kind() == EventKind.HOST_STATE_CHANGED && killedHost.equals(e.subject())
                && e.message().contains("declared dead"), killWallMs);
        long master = first(after, e -> e.kind() == EventKind.ROLE_CHANGED && e.message().startsWith("became master"),
                killWallMs);
        long request = first(after, e -> e.kind() == EventKind.RESTART_REQUESTED && vms.contains(e.subject()), killWallMs);
        long allRunning = -1;
        for (String vm : vms) {
            long on = first(after, e -> e.kind() == EventKind.VM_POWERED_ON && vm.equals(e.subject()), killWallMs);
            if (on < 0) {
                allRunning = -1;
                break;
            }
            allRunning = Math.max(allRunning, on);
        }
        return new FailoverTiming(dead, master, request, vms.isEmpty() ? -1 : allRunning);
    }

    private static long first(List<JournalEvent> events, java.util.function.Predicate<JournalEvent> p, long killWallMs) {
        OptionalLong at = events.stream().filter(p).mapToLong(JournalEvent::wallMs).min();
        return at.isPresent() ? at.getAsLong() - killWallMs : -1;
    }
}
