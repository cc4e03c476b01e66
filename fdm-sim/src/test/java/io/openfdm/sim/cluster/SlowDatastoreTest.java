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
     * its side and both claim ds-1 once host-3's lease has gone unrenewed. host-2's writes on ds-1
     * take 400 ms, longer than the 250 ms bound: its claim lands late, after host-1's, and is never
     * trusted. At every instant at most one host may act on ds-1 (OneLeaseHolder, checked after
     * every event), no protectedlist is written under a generation the lease file does not show
     * (ProtectedListsFenced), and lease generations never go back (LeaseFilesFenced).
     */
    @Test
    void aClaimDelayedPastTheBoundIsNotTrustedAndNoTwoMastersActOnTheDatastore() {
        SimCluster c = cluster("5 slow-io host-2 ds-1 400\n8 partition host-1 | host-2 | host-3\n"
                + "9 power host-3 off\n25 heal\n27 slow-io host-2 ds-1 0\nend 45\n");
        String lease = HaPaths.protectedListLease("c1");
        boolean host2ClaimLanded = false;
        boolean host2MayAct = false;
        for (long t = 8_000; t <= 25_000; t += 10) {
            c.runUntil(t);
            Optional<byte[]> bytes = c.datastores().peek("ds-1", lease);
            if (bytes.isPresent() && LeaseRecord.CODEC.decode(bytes.get()) instanceof Result.Valid<LeaseRecord> v
                    && H2.equals(v.value().owner()) && v.value().generation() >= 2) {
                host2ClaimLanded = true;
            }
            SimHost h2 = c.host(H2);
            host2MayAct |= h2.live() && h2.node().mayAct("ds-1", h2.nowMs());
        }
        String log = c.timeline().render();
        assertThat(log).contains("host-1/master: became master").contains("host-2/master: became master");
        assertThat(host2ClaimLanded).as("host-2's late claim reached the lease file").isTrue();
        assertThat(host2MayAct).as("host-2 never acted on ds-1 while its claims were late").isFalse();
        assertThat(log).doesNotContain("host-2/master: acquired lease on ds-1");
        c.runUntil(45_000);
        // After the heal one master holds everything and vm-3 runs once.
        assertThat(c.running().values().stream().filter(l -> l.contains(VmId.of("vm-3"))).count()).isEqualTo(1);
    }
}
