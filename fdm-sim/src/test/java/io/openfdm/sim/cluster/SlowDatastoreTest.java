package io.openfdm.sim.cluster;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.file.Result;
import io.openfdm.datastore.lease.LeaseRecord;
import io.openfdm.sim.check.LeaseFilesFenced;
import io.openfdm.sim.check.LiveHostsKeepTheirVms;
import io.openfdm.sim.check.NoVmRunsTwice;
import io.openfdm.sim.check.OneLeaseHolder;
import io.openfdm.sim.check.PowerOnsFenced;
import io.openfdm.sim.check.ProtectedListsFenced;
import io.openfdm.sim.host.SimHost;
import io.openfdm.sim.scenario.ClusterDescription;
import io.openfdm.sim.scenario.ClusterParser;
import io.openfdm.sim.scenario.CommandParser;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow datastores: datastore calls run on a worker per datastore, off the agent thread, so a slow
 * datastore delays only its own calls; a lease claim whose write takes longer than the bound
 * ({@code LeaseMachine.ioBoundMs}) is not trusted.
 */
class SlowDatastoreTest {
    private static final String CLUSTER = """
            seed 5
            datastore ds-1
            datastore ds-2
            host host-1 datastores ds-1,ds-2 cpu 20000 mem 65536
            host host-2 datastores ds-1,ds-2 cpu 20000 mem 65536
            host host-3 datastores ds-1,ds-2 cpu 20000 mem 65536
            vm vm-1 on host-1 ds ds-1 cpu 500 mem 1024 priority high
            vm vm-2 on host-2 ds ds-2 cpu 500 mem 1024 priority medium
            vm vm-3 on host-3 ds ds-1 cpu 500 mem 1024 priority low
            """;
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");
    private static final HostId H3 = HostId.of("host-3");

    private static SimCluster cluster(String cmdlist) {
        ClusterDescription d = ClusterParser.parse(CLUSTER);
        SimCluster c = new SimCluster(d, "r").check(new NoVmRunsTwice()).check(new OneLeaseHolder())
                .check(new ProtectedListsFenced()).check(new LeaseFilesFenced()).check(new PowerOnsFenced())
                .check(new LiveHostsKeepTheirVms());
        c.schedule(new CommandParser(d).parse(cmdlist));
        return c;
    }

    private static long changes(SimCluster c, String ds, String path, long fromMs, long toMs) {
        c.runUntil(fromMs);
        long before = c.datastores().version(ds, path);
        c.runUntil(toMs);
        return c.datastores().version(ds, path) - before;
    }

    @Test
    void aSlowDatastoreDelaysOnlyItsOwnCalls() {
        String hb1 = HaPaths.heartbeat("c1", H2);
        long normal = changes(cluster("end 30\n"), "ds-1", hb1, 10_000, 20_000);
        assertThat(normal).isBetween(18L, 22L); // every 500 ms

        // 1.2 s per call on ds-1 for host-2: its heartbeat file there changes much less often, as
        // that datastore's worker also serves the lease, access and poweron calls; ds-2 is not
        // held up at all.
        SimCluster slow = cluster("9 slow-io host-2 ds-1 1200\nend 30\n");
        long slowedDs1 = changes(slow, "ds-1", hb1, 10_000, 20_000);
        SimCluster slow2 = cluster("9 slow-io host-2 ds-1 1200\nend 30\n");
        long fastDs2 = changes(slow2, "ds-2", HaPaths.heartbeat("c1", H2), 10_000, 20_000);
        assertThat(slowedDs1).isPositive().isLessThan(normal / 2);
        assertThat(fastDs2).isBetween(18L, 22L);
        slow.runUntil(30_000);
        assertThat(slow.timeline().render()).doesNotContain("election started: master").doesNotContain("declared dead");
        assertThat(slow.host(H2).poweredOnVms()).containsExactly(VmId.of("vm-2"));
    }

    @Test
    void aMasterWhoseEveryDatastoreTakesTwoSecondsPerCallStaysMaster() {
        // Before the workers, about 190 ms per call made a master look dead to its slaves.
        SimCluster c = cluster("10 slow-io host-3 ds-1 2000\n10 slow-io host-3 ds-2 2000\n"
                + "30 slow-io host-3 ds-1 0\n30 slow-io host-3 ds-2 0\nend 45\n");
        c.runUntil(45_000);
        String log = c.timeline().render();
        assertThat(c.host(H3).node().role().name()).isEqualTo("MASTER");
        assertThat(log).doesNotContain("election started: master").doesNotContain("declared dead")
                .doesNotContain("power-on requested");
        // It could not keep its leases at 2 s per call, and took them back once storage recovered.
        assertThat(log).contains("host-3/master: lost lease on ds-1");
        assertThat(c.host(H3).node().mayAct("ds-1", c.host(H3).nowMs())).isTrue();
        assertThat(c.host(H3).node().skippedDatastoreCalls()).containsKey("heartbeat-write");
        for (HostId h : new HostId[] {H1, H2, H3}) {
            assertThat(c.host(h).poweredOnVms()).hasSize(1);
        }
    }

    /**
     * host-3 dies while host-1 and host-2 are partitioned from each other: each becomes master of
     * its side and both claim ds-1 once host-3's lease has gone unrenewed. host-2's ds-1 answers
     * in 200 ms (prompt enough to decide a claim: at most 250 ms). A first run finds the instant
     * host-2 submits its claim write; the second run is the same story with a 10 ms spike of
     * 1,000 ms per call around that instant, so the claim decided on a prompt read lands 1 s later,
     * past the bound, and is never trusted. At every instant at most one host may act on ds-1
     * (OneLeaseHolder, checked after every event, and sampled here), no protectedlist is written
     * under a generation the lease file does not show (ProtectedListsFenced), and lease
     * generations never go back (LeaseFilesFenced).
     */
    @Test
    void aClaimDelayedPastTheBoundIsNotTrustedAndNoTwoMastersActOnTheDatastore() {
        String story = "5 slow-io host-1 ds-1 200\n5 slow-io host-2 ds-1 200\n8 partition host-1 | host-2 | host-3\n"
                + "9 power host-3 off\n";
        String end = "25 heal\n25 slow-io host-1 ds-1 0\n25 slow-io host-2 ds-1 0\nend 45\n";
        Claims first = watchClaims(cluster(story + end), 9_000, 20_000);
        assertThat(first.landedMs).as("host-2 claims ds-1 in the first run").isPositive();
        long submittedMs = first.landedMs - 200;
        SimCluster c = cluster(story + String.format(java.util.Locale.ROOT,
                "%.3f slow-io host-2 ds-1 1000%n%.3f slow-io host-2 ds-1 200%n", (submittedMs - 5) / 1000.0,
                (submittedMs + 5) / 1000.0) + end);

        Claims late = watchClaims(c, 9_000, 25_000);
        assertThat(late.landedMs).as("the claim lands 1 s after it was submitted, not 200 ms")
                .isEqualTo(submittedMs + 1_000);
        assertThat(late.host2ActedAt).as("host-2 never acted under its late claim's generation " + late.generation)
                .isEmpty();
        String log = c.timeline().render();
        assertThat(log).contains("host-1/master: became master").contains("host-2/master: became master");
        assertThat(log).doesNotContain("host-2/master: acquired lease on ds-1 (generation " + late.generation + ")");
        c.runUntil(45_000);
        // After the heal one master holds everything and vm-3 runs once.
        assertThat(c.running().values().stream().filter(l -> l.contains(VmId.of("vm-3"))).count()).isEqualTo(1);
    }

    /** host-2's first claim of ds-1 as seen in the lease file, and when host-2 acted under it. */
    private static final class Claims {
        long landedMs = -1;
        long generation = -1;
        final java.util.List<Long> host2ActedAt = new java.util.ArrayList<>();
    }

    /**
     * Runs {@code c} ms by ms from {@code fromMs} to {@code toMs}: records when host-2's first
     * claim of ds-1 (renewals 0) shows in the lease file, and every instant at which host-2 may act
     * on ds-1 under that claim's generation; checks at each instant that host-1 and host-2 do not
     * both may act on ds-1.
     */
    private static Claims watchClaims(SimCluster c, long fromMs, long toMs) {
        String lease = HaPaths.protectedListLease("c1");
        Claims claims = new Claims();
        for (long t = fromMs; t <= toMs; t++) {
            c.runUntil(t);
            Optional<byte[]> bytes = c.datastores().peek("ds-1", lease);
            if (claims.landedMs < 0 && bytes.isPresent()
                    && LeaseRecord.CODEC.decode(bytes.get()) instanceof Result.Valid<LeaseRecord> v
                    && H2.equals(v.value().owner()) && v.value().renewals() == 0) {
                claims.landedMs = t;
                claims.generation = v.value().generation();
            }
            boolean acts1 = mayAct(c, H1);
            boolean acts2 = mayAct(c, H2);
            assertThat(acts1 && acts2).as("host-1 and host-2 both may act on ds-1 at " + t).isFalse();
            if (acts2 && claims.generation >= 0 && generationHeld(c, H2) == claims.generation) {
                claims.host2ActedAt.add(t);
            }
        }
        return claims;
    }

    private static boolean mayAct(SimCluster c, HostId h) {
        SimHost host = c.host(h);
        return host.live() && host.node().mayAct("ds-1", host.nowMs());
    }

    private static long generationHeld(SimCluster c, HostId h) {
        SimHost host = c.host(h);
        return host.node().status(host.nowMs()).datastores().stream().filter(d -> d.name().equals("ds-1"))
                .findFirst().orElseThrow().leaseGeneration();
    }
}
