package io.openfdm.agent.net;

import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.Message;

/**
 * An accepted message handed from the transport's network thread to the agent.
 *
 * @param from    the authenticated sender
 * @param message the message
 */
public record Inbound(HostId from, Message message) {
}
