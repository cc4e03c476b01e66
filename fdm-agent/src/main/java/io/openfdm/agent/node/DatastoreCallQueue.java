package io.openfdm.agent.node;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The node's side of {@link DatastoreCalls}: at most one outstanding call of a kind per datastore
 * (and subject, e.g. the host whose heartbeat file is read). A call submitted while the same one
 * is still outstanding is skipped and counted, so heartbeat writes do not pile up behind a hung
 * one; the next round submits again once the datastore answers.
 *
 * <p>Single-threaded like the node: {@link #submit} and the completions run on the node's thread.
 */
final class DatastoreCallQueue {
    private final DatastoreCalls calls;
    /** Outstanding calls: key -> submission time (the caller's monotonic clock, ms). */
    private final Map<String, Long> outstanding = new java.util.HashMap<>();
    /** Per datastore: how long its last completed call took, ms. */
    private final Map<String, Long> lastCallMs = new java.util.HashMap<>();
    /** Skipped calls by kind, since the node started. */
    private final Map<String, Long> skipped = new TreeMap<>();

    DatastoreCallQueue(DatastoreCalls calls) {
        this.calls = calls;
    }

    /**
     * Submits {@code work} unless a call of {@code kind} on {@code subject} is outstanding on
     * {@code datastore}.
     *
     * @param kind     what the call does ({@code heartbeat-write}, {@code lease-read}, ...)
     * @param subject  what it is about within the kind ("" when the kind says it all)
     * @param fallback delivered instead of a {@code null} result (work that threw)
     * @return false when skipped ({@code done} is never called)
     */
    <T> boolean submit(String datastore, String kind, String subject, long nowMs, Supplier<T> work, T fallback,
                       DatastoreCalls.Completion<T> done) {
        String key = datastore + '\0' + kind + '\0' + subject;
        if (outstanding.putIfAbsent(key, nowMs) != null) {
            skipped.merge(kind, 1L, Long::sum);
            return false;
        }
        calls.run(datastore, nowMs, work, (result, doneMs, deferred) -> {
            outstanding.remove(key);
            lastCallMs.put(datastore, doneMs - nowMs);
            done.done(result == null ? fallback : result, doneMs, deferred);
        });
        return true;
    }

    /**
     * True when {@code datastore} answers promptly: its last completed call took at most
     * {@code boundMs}, and no call on it has been outstanding longer than that. A write that must
     * land soon after it starts (a lease renewal, a protectedlist write under a lease) is started
     * only on a prompt datastore: on a slow one it could land after the lease's validity.
     */
    boolean prompt(String datastore, long nowMs, long boundMs) {
        if (lastCallMs.getOrDefault(datastore, 0L) > boundMs) {
            return false;
        }
        String prefix = datastore + '\0';
        for (Map.Entry<String, Long> e : outstanding.entrySet()) {
            if (e.getKey().startsWith(prefix) && nowMs - e.getValue() > boundMs) {
                return false;
            }
        }
        return true;
    }

    /** True while a call of {@code kind} on {@code subject} is outstanding on {@code datastore}. */
    boolean outstanding(String datastore, String kind, String subject) {
        return outstanding.containsKey(datastore + '\0' + kind + '\0' + subject);
    }

    /** Calls skipped because the same call was still outstanding, by kind, since start. */
    Map<String, Long> skipped() {
        return Collections.unmodifiableMap(skipped);
    }
}
