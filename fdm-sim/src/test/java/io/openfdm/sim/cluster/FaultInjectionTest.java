package io.openfdm.sim.cluster;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.file.AtomicFiles;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The random tier's faults on a small cluster, one at a time. */
class FaultInjectionTest {
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
                .check(new ProtectedListsFenced()).check(new PowerOnsFenced()).check(new LiveHostsKeepTheirVms());
        c.schedule(new CommandParser(d).parse(cmdlist));
        return c;
    }

    /** How often host's heartbeat file on ds-1 changed between fromMs and toMs. */
    private static long heartbeatWrites(SimCluster c, HostId host, long fromMs, long toMs) {
        String path = HaPaths.heartbeat("c1", host);
        c.runUntil(fromMs);
        long before = c.datastores().version("ds-1", path);
        c.runUntil(toMs);
        return c.datastores().version("ds-1", path) - before;
    }

    @Test
    void slowDatastoreIoNoLongerHoldsUpTheHostsHeartbeats() {
        long normal = heartbeatWrites(cluster("end 30\n"), H2, 10_000, 20_000);
        // 400 ms per call on ds-1: the calls run on the datastore's workers, side by side, so the
        // heartbeat file on ds-1 still changes every 500 ms (it used to stall the agent thread
        // and halve the rate; see SlowDatastoreTest for slower storage).
        SimCluster slow = cluster("9 slow-io host-2 ds-1 400\nend 30\n");
        long slowed = heartbeatWrites(slow, H2, 10_000, 20_000);
        assertThat(normal).isBetween(18L, 22L); // every 500 ms
        assertThat(slowed).isBetween(18L, 22L);
        // Nothing is restarted: the host is slow, not dead, and every checker held.
        assertThat(slow.host(H2).poweredOnVms()).containsExactly(VmId.of("vm-2"));
    }

    @Test
    void aCrashInTheMiddleOfAnAtomicWriteLeavesOnlyATempFileThatNobodyTrusts() {
        SimCluster c = cluster("5 crash-at host-3 torn-write 2 power\nend 25\n");
        c.runUntil(25_000);
        SimHost h3 = c.host(H3);
        assertThat(h3.powered()).isFalse();
        assertThat(c.datastores().paths("ds-1").stream().anyMatch(p -> p.contains("/" + AtomicFiles.TEMP_PREFIX))
                || c.datastores().paths("ds-2").stream().anyMatch(p -> p.contains("/" + AtomicFiles.TEMP_PREFIX)))
                .isTrue();
        // host-3 is dead and its VM runs again elsewhere, once.
        assertThat(c.running().values().stream().filter(l -> l.contains(VmId.of("vm-3"))).count()).isEqualTo(1);
        assertThat(c.timeline().render()).contains("host-3 declared dead");
    }

    @Test
    void anAgentCrashAfterItsKthSendKeepsTheVmsAndTheWatchdogRestartsTheAgent() {
        SimCluster c = cluster("5 crash-at host-1 send 3 agent 800\nend 20\n");
        c.runUntil(5_000);
        assertThat(c.host(H1).crashPending()).isTrue();
        long struckAt = -1;
        for (long t = 5_000; t < 7_000; t += 10) {
            c.runUntil(t);
            if (!c.host(H1).live()) {
                struckAt = t;
                break;
            }
        }
        assertThat(struckAt).as("the agent died").isPositive();
        assertThat(c.host(H1).powered()).isTrue();
        assertThat(c.host(H1).poweredOnVms()).containsExactly(VmId.of("vm-1"));
        c.runUntil(struckAt + 1_000);
        assertThat(c.host(H1).live()).as("restarted by the watchdog").isTrue();
        c.runUntil(20_000);
        assertThat(c.host(H1).poweredOnVms()).containsExactly(VmId.of("vm-1"));
        assertThat(c.timeline().render()).doesNotContain("vm-1 power-on requested");
    }

    @Test
    void allPathsDownAndBackOnEveryHost() {
        SimCluster c = cluster("5 apd ds-2 off\n8 apd ds-2 on\nend 20\n");
        c.runUntil(6_000);
        for (HostId h : new HostId[] {H1, H2, H3}) {
            assertThat(c.datastores().reaches(h, "ds-2")).isFalse();
        }
        c.runUntil(20_000);
        for (HostId h : new HostId[] {H1, H2, H3}) {
            assertThat(c.datastores().reaches(h, "ds-2")).isTrue();
        }
        assertThat(c.host(H2).poweredOnVms()).containsExactly(VmId.of("vm-2"));
    }

    @Test
    void aZombieWithoutItsDatastoreIsPoweredOffWhenThePathComesBackAfterARestart() {
        // host-1 loses both datastores and its network: the master must declare it dead and
        // restart vm-1; host-1's copy cannot touch its disks meanwhile and loses its lock.
        SimCluster c = cluster("5 storage host-1 ds-1 off\n5 storage host-1 ds-2 off\n5 network host-1 off\n"
                + "20 storage host-1 ds-1 on\n20 storage host-1 ds-2 on\n20 network host-1 on\nend 30\n");
        c.runUntil(19_000);
        assertThat(c.host(H1).poweredOnVms()).contains(VmId.of("vm-1"));
        assertThat(c.running().entrySet().stream().filter(e -> !e.getKey().equals(H1))
                .anyMatch(e -> e.getValue().contains(VmId.of("vm-1")))).isTrue();
        c.runUntil(30_000);
        assertThat(c.host(H1).poweredOnVms()).doesNotContain(VmId.of("vm-1"));
        assertThat(c.timeline().render()).contains("vm-1 lost its lock on ds-1");
    }
}
