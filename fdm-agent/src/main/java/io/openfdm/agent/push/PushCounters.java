package io.openfdm.agent.push;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the push endpoint, merged into {@code AgentStatus.counters}: {@code push.applied},
 * {@code push.statusRead}, {@code push.rejected.<verdict>} for each refused authentication
 * ({@code unsigned}, {@code badSignature}, {@code stale}, {@code replayed}),
 * {@code push.rejected.invalid} (malformed or invalid body) and {@code push.rejected.notNewer}.
 * Thread-safe.
 */
public final class PushCounters {
    private final LongAdder applied = new LongAdder();
    private final LongAdder statusRead = new LongAdder();
    private final LongAdder invalid = new LongAdder();
    private final LongAdder notNewer = new LongAdder();
    private final Map<PushVerdict, LongAdder> refused = new EnumMap<>(PushVerdict.class);

    public PushCounters() {
        for (PushVerdict v : PushVerdict.values()) {
            if (v != PushVerdict.OK) {
                refused.put(v, new LongAdder());
            }
        }
    }

    void refused(PushVerdict verdict) {
        refused.get(verdict).increment();
    }

    void applied() {
        applied.increment();
    }

    void statusRead() {
        statusRead.increment();
    }

    void invalid() {
        invalid.increment();
    }

    void notNewer() {
        notNewer.increment();
    }

    /** Requests refused for authentication, all reasons together. */
    public long unauthenticated() {
        return refused.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The counters by name, in a stable order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("push.applied", applied.sum());
        out.put("push.statusRead", statusRead.sum());
        refused.forEach((v, n) -> out.put("push.rejected." + v.key(), n.sum()));
        out.put("push.rejected.invalid", invalid.sum());
        out.put("push.rejected.notNewer", notNewer.sum());
        return out;
    }
}
