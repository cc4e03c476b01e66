package io.openfdm.agent.node;

import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.Role;
import io.openfdm.core.model.VmId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** AgentNodes over real datastore directories, a message queue and virtual time. */
class AgentNodeClusterTest {
    @TempDir
    Path dir;

    private LoopbackCluster startedCluster() throws Exception {
        LoopbackCluster c = new LoopbackCluster(dir, 3, 2, Timing.defaults());
        c.createVm("vm-1", "ds-1", "host-1", RestartPriority.HIGH);
        c.createVm("vm-2", "ds-2", "host-2", RestartPriority.MEDIUM);
        c.createVm("vm-3", "ds-1", "host-2", RestartPriority.LOW);
        for (int h = 1; h <= 3; h++) {
            c.boot(HostId.of("host-" + h));
        }
        c.hypervisors.get(HostId.of("host-1")).powerOn(VmId.of("vm-1"));
        c.hypervisors.get(HostId.of("host-2")).powerOn(VmId.of("vm-2"));
        c.hypervisors.get(HostId.of("host-2")).powerOn(VmId.of("vm-3"));
        c.run(3_000);
        return c;
    }

    @Test
    void electsGreatestMoidAmongEqualsAndProtectsVms() throws Exception {
        LoopbackCluster c = startedCluster();
        assertThat(c.nodes.get(HostId.of("host-3")).role()).as(c.timeline()).isEqualTo(Role.MASTER);
        assertThat(c.nodes.get(HostId.of("host-1")).master()).isEqualTo(HostId.of("host-3"));
        assertThat(c.nodes.get(HostId.of("host-3")).status(c.now).vms())
                .as(c.timeline()).filteredOn(v -> v.protectedByHa()).hasSize(3);
    }

    @Test
    void pingsAnsweredLaterTellAnAgentDownFromADeadHost() throws Exception {
        LoopbackCluster c = new LoopbackCluster(dir, 3, 2, Timing.defaults(), true);
        c.createVm("vm-2", "ds-2", "host-2", RestartPriority.MEDIUM);
        for (int h = 1; h <= 3; h++) {
            c.boot(HostId.of("host-" + h));
        }
        c.hypervisors.get(HostId.of("host-2")).powerOn(VmId.of("vm-2"));
        c.run(3_000);
        AgentNode master = c.nodes.get(HostId.of("host-3"));
        assertThat(master.role()).as(c.timeline()).isEqualTo(Role.MASTER);

        c.stopAgent(HostId.of("host-2"));
        c.run(6_000);
        assertThat(master.status(c.now).hosts()).as(c.timeline())
                .filteredOn(h -> h.host().equals("host-2")).singleElement()
                .satisfies(h -> assertThat(h.state()).isEqualTo("fdmUnreachable"));
        assertThat(c.runningOn("vm-2")).as(c.timeline()).containsExactly(HostId.of("host-2"));

        c.crash(HostId.of("host-2")); // now the host itself goes: the next ping is unanswered
        c.run(6_000);
        assertThat(master.status(c.now).hosts()).filteredOn(h -> h.host().equals("host-2")).singleElement()
                .satisfies(h -> assertThat(h.state()).isEqualTo("hostDown"));
        assertThat(c.runningOn("vm-2")).as(c.timeline()).hasSize(1).doesNotContain(HostId.of("host-2"));
    }

    @Test
    void slaveCrashRestartsItsVmsExactlyOnce() throws Exception {
        LoopbackCluster c = startedCluster();
        c.crash(HostId.of("host-2"));
        c.run(6_000);
        assertThat(c.runningOn("vm-2")).as(c.timeline()).hasSize(1).doesNotContain(HostId.of("host-2"));
        assertThat(c.runningOn("vm-3")).as(c.timeline()).hasSize(1);
        assertThat(c.runningOn("vm-1")).containsExactly(HostId.of("host-1"));
    }

    @Test
    void masterCrashNewMasterTakesLeasesAndRestartsMastersVms() throws Exception {
        LoopbackCluster c = startedCluster();
        // Put a VM on the master host too.
        c.createVm("vm-9", "ds-2", "host-3", RestartPriority.HIGH);
        c.crash(HostId.of("host-3"));
        c.boot(HostId.of("host-3"));
        c.run(3_000);
        c.hypervisors.get(HostId.of("host-3")).powerOn(VmId.of("vm-9"));
        c.run(3_000);
        HostId m = c.nodes.get(HostId.of("host-1")).master();
        c.crash(m);
        c.run(8_000);
        assertThat(c.nodes.get(HostId.of("host-1")).master()).as(c.timeline()).isNotEqualTo(m).isNotNull();
        if (System.getProperty("fdm.timeline") != null) {
            System.out.println(c.timeline());
        }
        for (String vm : new String[]{"vm-1", "vm-2", "vm-3", "vm-9"}) {
            assertThat(c.runningOn(vm)).as(vm + "\n" + c.timeline()).hasSize(1);
        }
    }

    @Test
    void missingDatastoreDirectoryIsInaccessibleNotACrash() throws Exception {
        LoopbackCluster c = startedCluster();
        java.nio.file.Path ds2 = c.roots.get("ds-2");
        java.nio.file.Files.move(ds2, ds2.resolveSibling("ds-2-unmounted"));
        c.run(3_000);
        var status = c.nodes.get(HostId.of("host-3")).status(c.now);
        assertThat(status.datastores()).filteredOn(d -> d.name().equals("ds-2"))
                .singleElement().satisfies(d -> assertThat(d.accessible()).isFalse());
        assertThat(status.datastores()).filteredOn(d -> d.name().equals("ds-1"))
                .singleElement().satisfies(d -> assertThat(d.heldByThisHost()).isTrue());
        // VMs on the datastore still reachable stay protected, and a failure there is still handled.
        c.crash(HostId.of("host-2"));
        c.run(6_000);
        assertThat(c.runningOn("vm-3")).as(c.timeline()).hasSize(1);
    }
}
