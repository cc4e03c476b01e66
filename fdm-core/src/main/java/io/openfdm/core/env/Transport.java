package io.openfdm.core.env;

import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.Message;

/**
 * Sends a message to a cluster member, best effort (a datagram: it may be lost, delayed,
 * duplicated or reordered; the protocol tolerates all four). Never blocks and never throws for
 * network errors.
 */
public interface Transport {
    void send(HostId to, Message message);
}
