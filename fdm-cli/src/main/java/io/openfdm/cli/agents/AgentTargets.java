package io.openfdm.cli.agents;

import java.util.List;
import java.util.Map;

/**
 * The agents a command talks to, plus the hosts that cannot be asked and why.
 *
 * @param links    agents to ask
 * @param skipped  host MOID to reason, for hosts not asked (not running, no token yet), in order
 * @param explicit true when the user named the single agent ({@code --agent})
 */
public record AgentTargets(List<AgentLink> links, Map<String, String> skipped, boolean explicit) {
    public AgentTargets {
        links = List.copyOf(links);
        skipped = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(skipped));
    }
}
