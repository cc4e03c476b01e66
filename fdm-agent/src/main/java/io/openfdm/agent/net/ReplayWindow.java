package io.openfdm.agent.net;

import io.openfdm.core.model.HostId;

import java.util.HashMap;
import java.util.Map;

/**
 * Anti-replay state per sender: the sender's highest epoch seen and, within that epoch, a 64-entry
 * sliding window over sequence numbers, as IPsec ESP does it (RFC 4303 section 3.4.3).
 *
 * <p>A sender's epoch is its wall-clock milliseconds when its agent started; its sequence numbers
 * start at 1 in each epoch. So:
 * <ul>
 *   <li>a higher epoch means the sender restarted: the window resets to that epoch;</li>
 *   <li>a lower epoch is an old packet from before the restart: replayed;</li>
 *   <li>in the current epoch, a sequence number above the highest seen is fresh; one up to 63 below
 *       it is fresh unless its bit is set (a duplicate); anything older is replayed. Reordering
 *       within 64 packets is therefore tolerated, as the protocol requires.</li>
 * </ul>
 *
 * <p>The caller {@link #isFresh checks} only after the packet's HMAC verified and
 * {@link #accept records} only after the whole packet was accepted, so forged packets can never move
 * the window. A sender whose wall clock stepped back across a restart is refused until the receiver
 * restarts; the agent runtime avoids that by never reusing an epoch (see the store's epoch table).
 *
 * <p>Thread-safe.
 */
public final class ReplayWindow {
    /** Width of the window in packets, as RFC 4303's minimum recommended size. */
    public static final int SIZE = 64;

    private static final class State {
        long epoch;
        long highestSeq;
        /** Bit i set: sequence number {@code highestSeq - i} was accepted. */
        long bitmap;
    }

    private final Map<HostId, State> senders = new HashMap<>();

    /** True when a packet with this epoch and sequence number has not been accepted and is not too old. */
    public synchronized boolean isFresh(HostId sender, long epoch, long seq) {
        if (seq < 1) {
            return false;
        }
        State s = senders.get(sender);
        if (s == null || epoch > s.epoch) {
            return true;
        }
        if (epoch < s.epoch) {
            return false;
        }
        if (seq > s.highestSeq) {
            return true;
        }
        long behind = s.highestSeq - seq;
        return behind < SIZE && (s.bitmap & (1L << behind)) == 0;
    }

    /** Records an accepted packet; call only after {@link #isFresh} returned true for it. */
    public synchronized void accept(HostId sender, long epoch, long seq) {
        State s = senders.computeIfAbsent(sender, k -> new State());
        if (epoch > s.epoch || s.highestSeq == 0) {
            s.epoch = epoch;
            s.highestSeq = seq;
            s.bitmap = 1L;
            return;
        }
        if (epoch < s.epoch) {
            return;
        }
        if (seq > s.highestSeq) {
            long shift = seq - s.highestSeq;
            s.bitmap = shift >= SIZE ? 1L : (s.bitmap << shift) | 1L;
            s.highestSeq = seq;
        } else {
            long behind = s.highestSeq - seq;
            if (behind < SIZE) {
                s.bitmap |= 1L << behind;
            }
        }
    }
}
