package io.openfdm.agent.node;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class DatastoreCallQueueTest {
    /** Holds every call until {@link #complete} is called. */
    private static final class Held implements DatastoreCalls {
        final List<Runnable> waiting = new ArrayList<>();

        @Override
        public <T> void run(String datastore, long nowMs, Supplier<T> work, Completion<T> done) {
            waiting.add(() -> done.done(work.get(), nowMs + 1500, true));
        }

        void complete(int i) {
            waiting.remove(i).run();
        }
    }

    @Test
    void aSecondCallOfAKindOnADatastoreIsSkippedAndCountedWhileTheFirstIsOutstanding() {
        Held held = new Held();
        DatastoreCallQueue q = new DatastoreCallQueue(held);
        List<String> results = new ArrayList<>();
        assertThat(q.submit("ds-1", "heartbeat-write", "", 0, () -> "w1", "failed", (r, t, d) -> results.add(r))).isTrue();
        assertThat(q.outstanding("ds-1", "heartbeat-write", "")).isTrue();
        assertThat(q.submit("ds-1", "heartbeat-write", "", 500, () -> "w2", "failed", (r, t, d) -> results.add(r))).isFalse();
        assertThat(q.submit("ds-1", "heartbeat-write", "", 1000, () -> "w3", "failed", (r, t, d) -> results.add(r))).isFalse();
        // Other kinds, subjects and datastores are not held up.
        assertThat(q.submit("ds-1", "lease-read", "", 0, () -> "l", "failed", (r, t, d) -> results.add(r))).isTrue();
        assertThat(q.submit("ds-1", "heartbeat-read", "host-1", 0, () -> "h1", "failed", (r, t, d) -> results.add(r))).isTrue();
        assertThat(q.submit("ds-1", "heartbeat-read", "host-2", 0, () -> "h2", "failed", (r, t, d) -> results.add(r))).isTrue();
        assertThat(q.submit("ds-2", "heartbeat-write", "", 0, () -> "w-ds2", "failed", (r, t, d) -> results.add(r))).isTrue();
        assertThat(q.skipped()).containsExactly(java.util.Map.entry("heartbeat-write", 2L));

        held.complete(0);
        assertThat(results).containsExactly("w1");
        assertThat(q.outstanding("ds-1", "heartbeat-write", "")).isFalse();
        assertThat(q.submit("ds-1", "heartbeat-write", "", 1600, () -> "w4", "failed", (r, t, d) -> results.add(r))).isTrue();
    }

    @Test
    void aNullResultIsReplacedByTheFallback() {
        DatastoreCallQueue q = new DatastoreCallQueue(new DatastoreCalls() {
            @Override
            public <T> void run(String datastore, long nowMs, Supplier<T> work, Completion<T> done) {
                done.done(null, nowMs, true);
            }
        });
        List<String> results = new ArrayList<>();
        q.submit("ds-1", "lease-read", "", 0, () -> "never", "fallback", (r, t, d) -> results.add(r));
        assertThat(results).containsExactly("fallback");
        assertThat(q.outstanding("ds-1", "lease-read", "")).isFalse();
    }
}
