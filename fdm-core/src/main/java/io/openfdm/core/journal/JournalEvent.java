package io.openfdm.core.journal;

/**
 * One line of an agent's event journal.
 *
 * @param wallMs  wall-clock time, milliseconds since the epoch
 * @param host    MOID of the host that recorded it
 * @param role    that host's role then ({@code master}, {@code slave}, {@code election})
 * @param kind    what happened (see {@link EventKind})
 * @param message one human-readable line, e.g. {@code host-3 declared dead}
 * @param subject the MOID the event is about (a host, VM or datastore), or empty
 * @param durationMs a measured duration (e.g. failure to power-on), or -1
 */
public record JournalEvent(long wallMs, String host, String role, EventKind kind, String message,
                           String subject, long durationMs) {
}
