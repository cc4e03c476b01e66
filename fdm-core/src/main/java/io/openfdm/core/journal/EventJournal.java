package io.openfdm.core.journal;

import java.util.List;

/** Append-only record of what an agent did and saw (H2 in production, a list in the simulator). */
public interface EventJournal {
    void record(JournalEvent event);

    /** The newest {@code limit} events, oldest first. */
    List<JournalEvent> recent(int limit);
}
