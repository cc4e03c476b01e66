package io.openfdm.agent.node;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
    private final Set<String> outstanding = new HashSet<>();
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
        if (!outstanding.add(key)) {
            skipped.merge(kind, 1L, Long::sum);
            return false;
        }
        calls.run(datastore, nowMs, work, (result, doneMs, deferred) -> {
            outstanding.remove(key);
            done.done(result == null ? fallback : result, doneMs, deferred);
        });
        return true;
    }

    /** True while a call of {@code kind} on {@code subject} is outstanding on {@code datastore}. */
    boolean outstanding(String datastore, String kind, String subject) {
        return outstanding.contains(datastore + '\0' + kind + '\0' + subject);
    }

    /** Calls skipped because the same call was still outstanding, by kind, since start. */
    Map<String, Long> skipped() {
        return Collections.unmodifiableMap(skipped);
    }
}
