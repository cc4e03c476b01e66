package io.openfdm.cli.agents;

import io.openfdm.agent.admin.HostModeAnswer;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.RestartPlan;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * One agent's admin endpoint as the CLI uses it. Every call either answers or throws
 * {@link AgentCallException}; none blocks longer than the admin client's own timeout.
 */
public interface AgentLink {
    /** The host MOID this link is believed to reach (from the local cluster), or the address text. */
    String name();

    /** The admin endpoint address. */
    InetSocketAddress address();

    /** {@code GET /status}. */
    AgentStatus status();

    /** The newest {@code limit} journal events, oldest first. */
    List<JournalEvent> events(int limit);

    /**
     * {@code GET /plan?fail=...}: what this agent, as master, would do if {@code failed} (host
     * MOIDs) failed now. A slave refuses it (naming the master).
     */
    RestartPlan plan(List<String> failed);

    /** A user power-on of a VM registered on this agent's host. */
    void powerOn(String vm);

    /** A user power-off of a VM registered on this agent's host. */
    void powerOff(String vm);

    /**
     * Enters or exits maintenance or standby mode on this agent's host.
     *
     * @param mode  {@code maintenance} or {@code standby}
     * @param enter true to enter, false to exit
     */
    HostModeAnswer changeHostMode(String mode, boolean enter);
}
