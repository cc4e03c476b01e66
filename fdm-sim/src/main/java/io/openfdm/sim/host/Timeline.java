package io.openfdm.sim.host;

import io.openfdm.core.journal.JournalEvent;
import io.openfdm.sim.scenario.Times;

import java.util.ArrayList;
import java.util.List;

/**
 * The cluster-wide story of a run: every journal event of every host, and every scenario command,
 * in the order they happened, stamped with virtual time (not the hosts' wall clocks, which a
 * scenario may jump).
 *
 * <p>Rendered one line per entry: {@code <seconds, 3 decimals> <host>/<role>: <message>}, and for
 * commands {@code <seconds> sim/cmd: <command>} (as pve-ha-manager's log shows its
 * {@code hardware: execute} lines), and a closing summary {@code <seconds> sim/end: ...} of who
 * is master and where each VM runs, so a {@code log.expect} reads as the story it tests and
 * states its outcome.
 */
public final class Timeline {
    /**
     * @param atMs    virtual time, milliseconds since the run began
     * @param source  {@code <host>/<role>} or {@code sim/cmd}
     * @param message the journal message or the command
     * @param event   the journal event, or null for a command
     */
    public record Entry(long atMs, String source, String message, JournalEvent event) {
        public String render() {
            return Times.format(atMs) + " " + source + ": " + message;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Appends a host's journal event at virtual time {@code atMs}. */
    public void event(long atMs, JournalEvent event) {
        entries.add(new Entry(atMs, event.host() + "/" + event.role(), event.message(), event));
    }

    /** Appends a scenario command (or a note about one) at virtual time {@code atMs}. */
    public void command(long atMs, String text) {
        entries.add(new Entry(atMs, "sim/cmd", text, null));
    }

    /** Appends a line of the end-of-run summary ({@code sim/end}) at virtual time {@code atMs}. */
    public void summary(long atMs, String text) {
        entries.add(new Entry(atMs, "sim/end", text, null));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Every entry rendered, one per line, each line ending in '\n'. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (Entry e : entries) {
            out.append(e.render()).append('\n');
        }
        return out.toString();
    }
}
