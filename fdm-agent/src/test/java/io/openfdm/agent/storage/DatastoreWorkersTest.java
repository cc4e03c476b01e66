package io.openfdm.agent.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class DatastoreWorkersTest {
    private final ExecutorService nodeThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "node"));
    private final DatastoreWorkers workers = new DatastoreWorkers(nodeThread, () -> 42, 1_000);

    @AfterEach
    void close() {
        workers.close();
        nodeThread.shutdownNow();
    }

    @Test
    void aHungDatastoreDelaysNeitherAnotherDatastoreNorTheNodeThread() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch fastDone = new CountDownLatch(1);
        AtomicReference<String> deliveredOn = new AtomicReference<>();
        List<Long> deliveredAt = new CopyOnWriteArrayList<>();
        workers.run("ds-slow", 0, () -> {
            await(hung);
            return "slow";
        }, (result, nowMs, deferred) -> { });
        long submittedNs = System.nanoTime();
        workers.run("ds-fast", 0, () -> "fast", (result, nowMs, deferred) -> {
            deliveredOn.set(Thread.currentThread().getName());
            deliveredAt.add(nowMs);
            assertThat(deferred).isTrue();
            fastDone.countDown();
        });
        assertThat(fastDone.await(5, TimeUnit.SECONDS)).as("ds-fast answered while ds-slow hangs").isTrue();
        assertThat(deliveredOn.get()).isEqualTo("node");
        assertThat(deliveredAt).containsExactly(42L);
        assertThat(workers.datastores()).containsExactlyInAnyOrder("ds-slow", "ds-fast");
        // The node thread is free too.
        assertThat(nodeThread.submit(() -> "free").get(5, TimeUnit.SECONDS)).isEqualTo("free");
        assertThat(System.nanoTime() - submittedNs).isLessThan(TimeUnit.SECONDS.toNanos(5));
        hung.countDown();
    }

    @Test
    void aHungCallDoesNotHoldUpAnotherCallOnTheSameDatastore() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch heartbeat = new CountDownLatch(1);
        workers.run("ds-1", 0, () -> {
            await(hung);
            return "protectedlist";
        }, (result, nowMs, deferred) -> { });
        workers.run("ds-1", 0, () -> "heartbeat", (result, nowMs, deferred) -> heartbeat.countDown());
        assertThat(heartbeat.await(5, TimeUnit.SECONDS)).isTrue();
        hung.countDown();
    }

    @Test
    void workThatThrowsIsDeliveredAsNull() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Object> result = new AtomicReference<>("unset");
        workers.run("ds-1", 0, () -> {
            throw new IllegalStateException("boom");
        }, (r, nowMs, deferred) -> {
            result.set(r);
            done.countDown();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(result.get()).isNull();
    }

    @Test
    void closeLetsSubmittedCallsFinishAndDropsLaterOnes() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        workers.run("ds-1", 0, () -> {
            sleep(100);
            ran.countDown();
            return 1;
        }, (r, nowMs, deferred) -> { });
        workers.close();
        assertThat(ran.getCount()).as("the release-like call finished before close returned").isZero();
        CountDownLatch later = new CountDownLatch(1);
        workers.run("ds-1", 0, () -> {
            later.countDown();
            return 2;
        }, (r, nowMs, deferred) -> { });
        assertThat(later.await(200, TimeUnit.MILLISECONDS)).isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
