package io.openfdm.agent.runtime;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.agent.node.AgentNode;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.RestartPlan;
import io.openfdm.core.wire.Message;

import java.util.List;

/**
 * What {@link AgentRuntime} drives on its agent thread: {@link AgentNode} in production, a
 * recording stand-in in the runtime's own tests. Every call comes from the agent thread.
 */
interface AgentLoop {
    void start(long nowMs);

    void onMessage(HostId from, Message message, long nowMs);

    void onTick(long nowMs);

    void stop(long nowMs);

    AgentStatus status(long nowMs);

    /** {@code fdm plan}; see {@link AgentNode#plan}. */
    RestartPlan plan(List<HostId> failed, long nowMs);

    /** A newer configuration that changes only per-VM overrides; see {@link AgentNode#applyOverrides}. */
    void applyOverrides(ClusterConfig next, long nowMs);

    /** The host's maintenance or standby mode; see {@link AgentNode#hostMode}. */
    HostMode hostMode();

    /** See {@link AgentNode#setHostMode}. */
    boolean setHostMode(HostMode mode, long nowMs);

    /** Adapts the real node. */
    static AgentLoop of(AgentNode node) {
        return new AgentLoop() {
            @Override
            public void start(long nowMs) {
                node.start(nowMs);
            }

            @Override
            public void onMessage(HostId from, Message message, long nowMs) {
                node.onMessage(from, message, nowMs);
            }

            @Override
            public void onTick(long nowMs) {
                node.onTick(nowMs);
            }

            @Override
            public void stop(long nowMs) {
                node.stop(nowMs);
            }

            @Override
            public AgentStatus status(long nowMs) {
                return node.status(nowMs);
            }

            @Override
            public RestartPlan plan(List<HostId> failed, long nowMs) {
                return node.plan(failed, nowMs);
            }

            @Override
            public void applyOverrides(ClusterConfig next, long nowMs) {
                node.applyOverrides(next, nowMs);
            }

            @Override
            public HostMode hostMode() {
                return node.hostMode();
            }

            @Override
            public boolean setHostMode(HostMode mode, long nowMs) {
                return node.setHostMode(mode, nowMs);
            }
        };
    }
}
