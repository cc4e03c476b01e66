package io.openfdm.agent.net;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PacketCountersTest {
    @Test
    void snapshotHasEveryKeyAndCountsFromManyThreads() throws Exception {
        PacketCounters c = new PacketCounters();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    c.received();
                    c.dropped(DropReason.REPLAYED);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        c.sent();
        c.sendError();
        c.sendError();

        assertThat(c.snapshot())
                .containsEntry("received", 40_000L)
                .containsEntry("sent", 1L)
                .containsEntry("sendErrors", 2L)
                .containsEntry("dropped.replayed", 40_000L)
                .containsEntry("dropped.unauthenticated", 0L)
                .containsEntry("dropped.bad_magic", 0L)
                .hasSize(3 + DropReason.values().length);
    }
}
