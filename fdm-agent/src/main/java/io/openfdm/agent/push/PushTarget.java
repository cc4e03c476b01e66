package io.openfdm.agent.push;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.status.AgentStatus;

import java.nio.file.Path;
import java.util.List;

/** The agent as the push endpoint sees it; {@code AgentRuntime} implements it. */
public interface PushTarget {
    /** The configuration in force; its key authenticates requests. Any thread. */
    ClusterConfig current();

    /** Directory that relative datastore paths in a pushed configuration resolve against (the directory of {@code cluster.json}). */
    Path configDir();

    /**
     * Persists and applies a validated configuration if its version is higher than the one in
     * force: {@code cluster.json} rewritten atomically, the local store updated, the node restarted
     * on it with an election, as a newer file does.
     *
     * @throws IllegalStateException if the agent does not answer in time or is stopping
     */
    PushOutcome apply(ClusterConfig next);

    /** The agent's status. @throws IllegalStateException if the agent does not answer in time */
    AgentStatus status();

    /** The newest {@code limit} journal events, oldest first. */
    List<JournalEvent> recentEvents(int limit);
}
