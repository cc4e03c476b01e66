package io.openfdm.agent.admin;

import io.openfdm.core.model.HostMode;

/**
 * The agent's side of {@code POST /host/{maintenance|standby}/{enter|exit}}: reads and sets the
 * host's administrative mode (production: {@code AgentNode.hostMode()} and
 * {@code AgentNode.setHostMode}, on the agent's thread).
 */
public interface HostModeControl {
    /** This host's MOID. */
    String host();

    /** The mode now. */
    HostMode current();

    /**
     * Switches to {@code mode}: saved in the local store, journaled, sent to the master.
     *
     * @return false if the host already was in {@code mode}
     */
    boolean set(HostMode mode);
}
