package io.openfdm.sim.net;

import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.Message;

/** Where {@link SimNetwork} hands a delivered message: a live host's agent. */
@FunctionalInterface
public interface Receiver {
    void receive(HostId from, Message message);
}
