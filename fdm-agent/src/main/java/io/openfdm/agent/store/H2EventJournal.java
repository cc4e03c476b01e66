package io.openfdm.agent.store;

import io.openfdm.core.journal.EventJournal;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@link EventJournal} in table {@code journal} of the agent's H2 database, one row per event with
 * an increasing sequence number. Keeps the newest {@link #MAX_ROWS} rows: each append deletes rows
 * that fell out of that window.
 *
 * <p>{@link #record} never throws: a journal that cannot be written is logged as an error and the
 * agent keeps protecting VMs (losing a journal line is better than stopping HA). {@link #recent}
 * throws {@link StoreException} on failure.
 */
public final class H2EventJournal implements EventJournal {
    /** Rows kept; at a few hundred bytes each, about 30-50 MB at most. */
    public static final int MAX_ROWS = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(H2EventJournal.class);

    private final H2Database db;
    private final int maxRows;

    public H2EventJournal(H2Database db) {
        this(db, MAX_ROWS);
    }

    /** With a smaller cap, for tests. */
    H2EventJournal(H2Database db, int maxRows) {
        this.db = db;
        this.maxRows = maxRows;
    }

    @Override
    public void record(JournalEvent e) {
        try {
            db.inTransaction(c -> {
                long seq;
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO journal (wall_ms, host, role, kind, message, subject, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        new String[]{"SEQ"})) {
                    s.setLong(1, e.wallMs());
                    s.setString(2, e.host());
                    s.setString(3, e.role());
                    s.setString(4, e.kind().name());
                    s.setString(5, e.message());
                    s.setString(6, e.subject());
                    s.setLong(7, e.durationMs());
                    s.executeUpdate();
                    try (ResultSet keys = s.getGeneratedKeys()) {
                        keys.next();
                        seq = keys.getLong(1);
                    }
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM journal WHERE seq <= ?")) {
                    s.setLong(1, seq - maxRows);
                    s.executeUpdate();
                }
                return null;
            });
        } catch (RuntimeException ex) {
            LOG.error("journal write failed, event lost: {} {}: {}", e.kind(), e.message(), ex.getMessage());
        }
    }

    /** The newest {@code limit} events, oldest first; empty for {@code limit <= 0}. */
    @Override
    public List<JournalEvent> recent(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return db.inTransaction(c -> {
            List<JournalEvent> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT wall_ms, host, role, kind, message, subject, duration_ms FROM journal ORDER BY seq DESC LIMIT ?")) {
                s.setInt(1, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new JournalEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                                EventKind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getLong(7)));
                    }
                }
            }
            Collections.reverse(out);
            return out;
        });
    }
}
