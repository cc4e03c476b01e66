package io.openfdm.agent.net;

import java.util.Locale;

/**
 * Why the codec refused a datagram. Each reason has its own counter
 * ({@code dropped.<reason lowercase>} in {@link PacketCounters#snapshot()}), so an operator can tell a
 * wrong cluster key (unauthenticated) from a noisy network (truncated) or a replay attack (replayed).
 */
public enum DropReason {
    /** Shorter than its header, sender or payload lengths say. */
    TRUNCATED,
    /** Longer than {@link WireCodec#MAX_PACKET_BYTES}. */
    OVERSIZED,
    /** Does not start with "FD". */
    BAD_MAGIC,
    /** A protocol version this agent does not speak. */
    BAD_VERSION,
    /** Authentic, but its type byte names no message this agent knows. */
    UNKNOWN_TYPE,
    /** The HMAC does not match: another cluster's key, corruption, or forgery. */
    UNAUTHENTICATED,
    /** Authentic, but the payload is not a valid message of its type (or has trailing bytes). */
    MALFORMED,
    /** Authentic, but the sender MOID is not a configured member. */
    UNKNOWN_SENDER,
    /** Authentic, but already seen, too old for the replay window, or from an older sender epoch. */
    REPLAYED;

    /** The counter key suffix, e.g. {@code unauthenticated}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
