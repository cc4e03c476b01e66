package io.openfdm.cli.cluster;

import io.openfdm.cli.CliRun;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.demo.DemoCommand;
import io.openfdm.cli.demo.FailoverWatch;
import io.openfdm.cli.demo.Placement;
import io.openfdm.cli.demo.Protection;
import io.openfdm.core.status.VmStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real agent processes: {@code fdm cluster up --hosts 3 --vms 6}, kill -9 a slave that runs VMs,
 * and its protected VMs must run exactly once on the surviving hosts within 30 s; then
 * {@code fdm cluster down}; and kill -9 the master: a new master takes the leases and restarts
 * the old master's VMs. Tagged {@code processes}; runs in {@code mvn verify} (failsafe), alone with
 * {@code mvn -pl fdm-cli -am verify -Dit.test=LocalClusterIT}.
 */
@Tag("processes")
class LocalClusterIT {
    @TempDir
    Path tmp;

    private Path dir;

    @BeforeEach
    void isolateHome() {
        System.setProperty("fdm.home", tmp.resolve("fdm-home").toString());
        dir = tmp.resolve("cluster");
    }

    @AfterEach
    void down() {
        if (LocalClusterDir.holdsCluster(dir)) {
            CliRun r = CliRun.of("cluster", "down", "--dir", dir.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(LocalCluster.open(dir).running()).isEmpty();
        }
        System.clearProperty("fdm.home");
    }

    @Test
    void aKilledSlavesVmsRunExactlyOnceElsewhere() {
        CliRun up = CliRun.of("cluster", "up", "--hosts", "3", "--datastores", "2", "--vms", "6", "--dir", dir.toString());
        assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
        assertThat(up.out()).contains("is up");

        LocalCluster cluster = LocalCluster.open(dir);
        assertThat(cluster.running()).hasSize(3);
        ClusterView ready = Protection.await(cluster, 6, 30_000);
        ClusterView.Answer master = ready.requirePreferred();
        String slave = DemoCommand.pickSlave(master.status().vms(), master.status().host());
        Placement before = Placement.of(ready);
        Set<String> all = master.status().vms().stream().filter(VmStatus::protectedByHa).map(VmStatus::vm)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> victims = all.stream().filter(vm -> before.hostsOf(vm).contains(slave))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(victims).isNotEmpty();

        long failedAtMs = System.currentTimeMillis();
        CliRun kill = CliRun.of("cluster", "kill-host", slave, "--dir", dir.toString());
        assertThat(kill.exitCode()).as(kill.err()).isZero();
        assertThat(cluster.processes().state(cluster.dir().host(slave))).isEqualTo(ProcessState.KILLED);

        FailoverWatch.Result r = FailoverWatch.watch(cluster, slave, all, victims, failedAtMs, false, 30_000);

        assertThat(r.recovered()).as("%s%n%s", r.problems(), r.timeline().render()).isTrue();
        for (String vm : victims) {
            assertThat(r.placement().hostsOf(vm)).as(vm).hasSize(1).doesNotContain(slave);
        }
        for (String vm : all) {
            assertThat(r.placement().hostsOf(vm)).as(vm).hasSize(1);
        }
    }

    @Test
    void aKilledMastersLeasesAndVmsAreTakenOverByTheNewMaster() {
        CliRun up = CliRun.of("cluster", "up", "--hosts", "3", "--datastores", "2", "--vms", "6", "--dir", dir.toString());
        assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
        LocalCluster cluster = LocalCluster.open(dir);
        ClusterView ready = Protection.await(cluster, 6, 30_000);
        String oldMaster = ready.requirePreferred().status().host();
        Placement before = Placement.of(ready);
        Set<String> all = ready.requirePreferred().status().vms().stream().filter(VmStatus::protectedByHa)
                .map(VmStatus::vm).collect(Collectors.toCollection(TreeSet::new));
        Set<String> victims = all.stream().filter(vm -> before.hostsOf(vm).contains(oldMaster))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(victims).as("the master runs VMs too").isNotEmpty();

        long failedAtMs = System.currentTimeMillis();
        CliRun kill = CliRun.of("cluster", "kill-host", oldMaster, "--dir", dir.toString());
        assertThat(kill.exitCode()).as(kill.err()).isZero();

        FailoverWatch.Result r = FailoverWatch.watch(cluster, oldMaster, all, victims, failedAtMs, true, 30_000);
        assertThat(r.recovered()).as("%s%n%s", r.problems(), r.timeline().render()).isTrue();
        for (String vm : all) {
            assertThat(r.placement().hostsOf(vm)).as(vm).hasSize(1).doesNotContain(oldMaster);
        }
        CliRun datastores = CliRun.of("datastores", "--json", "--dir", dir.toString());
        assertThat(datastores.exitCode()).as(datastores.err()).isZero();
        String newMaster = cluster.poll().requirePreferred().status().host();
        assertThat(newMaster).isNotEqualTo(oldMaster);
        assertThat(cluster.poll().requirePreferred().status().datastores())
                .allSatisfy(ds -> {
                    assertThat(ds.heldByThisHost()).as(ds.name()).isTrue();
                    assertThat(ds.leaseOwner()).isEqualTo(newMaster);
                    assertThat(ds.leaseGeneration()).isGreaterThan(1);
                });
    }
}
