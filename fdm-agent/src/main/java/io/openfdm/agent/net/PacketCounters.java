package io.openfdm.agent.net;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Datagram counters of one agent, shown in {@code AgentStatus.counters}. Thread-safe: the network
 * thread counts, the admin endpoint reads.
 *
 * <p>{@code received} counts every datagram read from the socket, accepted or not; the
 * {@code dropped.<reason>} counters count the refused ones among them. {@code sent} counts datagrams
 * the operating system took; {@code sendErrors} counts those that could not be encoded, addressed or
 * written.
 */
public final class PacketCounters {
    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder sendErrors = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

    public PacketCounters() {
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new LongAdder());
        }
    }

    public void received() {
        received.increment();
    }

    public void sent() {
        sent.increment();
    }

    public void sendError() {
        sendErrors.increment();
    }

    public void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    /**
     * The current values, in a stable order: {@code received}, {@code sent}, {@code sendErrors}, then
     * {@code dropped.truncated}, {@code dropped.oversized}, ... one per {@link DropReason}.
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("received", received.sum());
        out.put("sent", sent.sum());
        out.put("sendErrors", sendErrors.sum());
        for (DropReason r : DropReason.values()) {
            out.put("dropped." + r.key(), dropped.get(r).sum());
        }
        return out;
    }
}
