package io.openfdm.agent.push;

import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.status.AgentStatus;

import java.util.List;

/**
 * The answer to {@code GET /agent-status}: what the bridge shows of this agent.
 *
 * @param status the agent's status (a master's lists every host and protected VM)
 * @param events the newest journal events, oldest first (at most the {@code limit} asked for)
 */
public record AgentReport(AgentStatus status, List<JournalEvent> events) {
    public AgentReport {
        events = List.copyOf(events);
    }
}
