package io.openfdm.bench.election;

import io.openfdm.core.status.AgentStatus;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * When an election has settled, as the agents' own status shows it: every listed host answered,
 * names the same master, and that master answers with role {@code master}.
 */
public final class Agreement {
    private Agreement() {
    }

    /**
     * @param statuses the answers, by host MOID
     * @param hosts    the hosts that must agree
     * @return the master they all name, or empty if one did not answer, names none, or they differ
     */
    public static Optional<String> master(Map<String, AgentStatus> statuses, Collection<String> hosts) {
        String master = null;
        for (String h : hosts) {
            AgentStatus s = statuses.get(h);
            if (s == null || s.master() == null || s.master().isEmpty() || "election".equals(s.role())) {
                return Optional.empty();
            }
            if (master != null && !master.equals(s.master())) {
                return Optional.empty();
            }
            master = s.master();
        }
        if (master == null) {
            return Optional.empty();
        }
        AgentStatus m = statuses.get(master);
        if (m == null || !"master".equals(m.role())) {
            return Optional.empty();
        }
        return Optional.of(master);
    }
}
