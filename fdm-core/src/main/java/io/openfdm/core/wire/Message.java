package io.openfdm.core.wire;

/**
 * A message between agents. The envelope (sender MOID, sender epoch, sequence number, HMAC) is
 * added and checked by the transport's codec; state machines see only {@code (sender, message)}.
 * See {@code docs/wire-protocol.md} for the bytes.
 */
public sealed interface Message
        permits ElectionClaim, MasterHeartbeat, SlaveHeartbeat, VmReport, PowerOnRequest, PowerOnResult, Resign {

    /** The type byte on the wire; stable across releases. */
    int typeCode();
}
