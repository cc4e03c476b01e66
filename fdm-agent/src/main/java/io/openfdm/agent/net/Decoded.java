package io.openfdm.agent.net;

import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.Message;

/** What {@link WireCodec#decode(byte[])} made of one datagram: accepted, or dropped with a reason. */
public sealed interface Decoded {

    /**
     * An authentic, fresh message from a configured member.
     *
     * @param sender  the sending host's MOID
     * @param message the message
     * @param epoch   the sender's epoch (its wall-clock milliseconds at agent start)
     * @param seq     the packet's sequence number within that epoch, from 1
     */
    record Accepted(HostId sender, Message message, long epoch, long seq) implements Decoded {
    }

    /**
     * A refused datagram.
     *
     * @param reason why (one counter per reason)
     * @param detail one line for a debug log, e.g. {@code sender host-9 is not a member}
     */
    record Dropped(DropReason reason, String detail) implements Decoded {
    }
}
