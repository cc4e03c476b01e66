package io.openfdm.sim.cluster;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.poweron.PoweredOffMarker;
import io.openfdm.datastore.poweron.PoweronFiles;
import io.openfdm.datastore.poweron.PoweronRecord;
import io.openfdm.sim.check.NoVmRunsTwice;
import io.openfdm.sim.check.OneLeaseHolder;
import io.openfdm.sim.scenario.ClusterDescription;
import io.openfdm.sim.scenario.ClusterParser;
import io.openfdm.sim.scenario.CommandParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an isolated host leaves on the datastores for the master, read back as another host sees
 * them: the isolation flag and powered-on VMs in its poweron file, and a poweredoff marker for each
 * VM its isolation response powered off (and none under "leave powered on"); the master restarts
 * those VMs elsewhere and deletes the markers once they run.
 */
class IsolationFilesTest {
    static final HostId H1 = HostId.of("host-1");
    static final HostId H2 = HostId.of("host-2");
    static final HostId H3 = HostId.of("host-3");
    static final VmId VM1 = VmId.of("vm-1");
    static final VmId VM2 = VmId.of("vm-2");
    static final VmId VM3 = VmId.of("vm-3");

    static String cluster(String response) {
        return """
                seed 42
                datastore ds-1
                datastore ds-2
                host host-1 datastores ds-1,ds-2 cpu 20000 mem 65536
                host host-2 datastores ds-1,ds-2 cpu 20000 mem 65536
                host host-3 datastores ds-1,ds-2 cpu 20000 mem 65536
                vm vm-1 on host-1 ds ds-1 cpu 500 mem 1024 priority high
                vm vm-2 on host-1 ds ds-2 cpu 500 mem 1024 priority medium
                vm vm-3 on host-1 ds ds-1 cpu 500 mem 1024 priority low
                isolation response %s delay 30
                isolation vm vm-3 response none
                """.formatted(response);
    }

    static SimCluster start(String response) {
        ClusterDescription d = ClusterParser.parse(cluster(response));
        SimCluster c = new SimCluster(d, "IsolationFilesTest").check(new NoVmRunsTwice()).check(new OneLeaseHolder());
        c.schedule(new CommandParser(d).parse("10 network host-1 off\n60 network host-1 on\nend 70\n"));
        return c;
    }

    /** host's poweron record on ds, read through host-2's view of the datastores. */
    static Optional<PoweronRecord> poweron(SimCluster c, String ds, HostId host) {
        return new PoweronFiles(c.datastores().view(H2), c.config().clusterId()).read(ds, host);
    }

    static List<PoweredOffMarker> markers(SimCluster c, String ds) {
        return new PoweronFiles(c.datastores().view(H2), c.config().clusterId()).markers(ds);
    }

    @Test
    void powerOffResponseFlagsTheFileRemovesTheVmsAndWritesMarkersOnTheirHomeDatastores() {
        SimCluster c = start("powerOff");
        c.runUntil(5_000);
        for (String ds : List.of("ds-1", "ds-2")) {
            PoweronRecord before = poweron(c, ds, H1).orElseThrow();
            assertThat(before.isolated()).isFalse();
            assertThat(before.poweredOn()).containsExactly(VM1, VM2, VM3);
            assertThat(poweron(c, ds, H3)).as("every host writes one").map(PoweronRecord::isolated).contains(false);
        }

        c.runUntil(20_000); // isolated at about 13.8 s, response due at about 43.8 s
        assertThat(c.host(H1).node().isolated()).isTrue();
        PoweronRecord flagged = poweron(c, "ds-1", H1).orElseThrow();
        assertThat(flagged.isolated()).isTrue();
        assertThat(flagged.poweredOn()).containsExactly(VM1, VM2, VM3);
        assertThat(markers(c, "ds-1")).isEmpty();

        c.runUntil(44_000); // response at about 43.8 s; the master reads the markers at about 44.6 s
        for (String ds : List.of("ds-1", "ds-2")) {
            PoweronRecord after = poweron(c, ds, H1).orElseThrow();
            assertThat(after.isolated()).isTrue();
            assertThat(after.poweredOn()).as("vm-3 is left on (override none)").containsExactly(VM3);
            assertThat(after.counter()).isGreaterThan(flagged.counter());
        }
        assertThat(markers(c, "ds-1")).singleElement().satisfies(m -> {
            assertThat(m.vm()).isEqualTo(VM1);
            assertThat(m.host()).isEqualTo(H1);
            assertThat(m.response()).isEqualTo("powerOff");
        });
        assertThat(markers(c, "ds-2")).extracting(PoweredOffMarker::vm).containsExactly(VM2);
        assertThat(c.host(H1).poweredOnVms()).containsExactly(VM3);

        c.runUntil(50_000);
        // The master (hoststate) restarted the two VMs HA powered off, elsewhere, then deleted their markers.
        for (VmId vm : List.of(VM1, VM2)) {
            assertThat(List.of(H2, H3).stream().filter(h -> c.host(h).poweredOnVms().contains(vm)))
                    .as(vm + " runs again on one other host").hasSize(1);
        }
        assertThat(markers(c, "ds-1")).as("a marker is deleted once its VM runs again").isEmpty();
        assertThat(markers(c, "ds-2")).isEmpty();
        assertThat(c.host(H1).poweredOnVms()).containsExactly(VM3);

        c.runUntil(65_000);
        assertThat(c.host(H1).node().isolated()).isFalse();
        assertThat(poweron(c, "ds-1", H1).orElseThrow().isolated()).as("flag cleared when isolation ends").isFalse();
    }

    @Test
    void leavePoweredOnWritesNoMarkerAndPowersNothingOff() {
        SimCluster c = start("none");
        c.runUntil(50_000);
        assertThat(poweron(c, "ds-1", H1).orElseThrow().isolated()).isTrue();
        assertThat(poweron(c, "ds-1", H1).orElseThrow().poweredOn()).containsExactly(VM1, VM2, VM3);
        assertThat(markers(c, "ds-1")).isEmpty();
        assertThat(markers(c, "ds-2")).isEmpty();
        assertThat(c.host(H1).poweredOnVms()).containsExactly(VM1, VM2, VM3);
    }
}
