package io.openfdm.agent.hypervisor;

import io.openfdm.agent.admin.AdminClient;
import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.agent.runtime.AgentRuntime;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.model.HostId;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.VmStatus;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.VsphereClient;
import io.openfdm.vsphere.property.ObjectProperties;
import io.openfdm.vsphere.property.PropertyQuery;
import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two agents on the vSphere backend against vcsim: one host fails (its agent stops, its VMs are
 * powered off in vcsim, which cannot disconnect a host), and the master powers its VMs on on the
 * surviving host, read back through the vSphere API; a VM whose power-on vCenter refuses is
 * retried with backoff and ends as RESTART_FAILED in the master's journal.
 */
class VsphereAgentRestartTest {
    static final PropertyQuery VM = PropertyQuery.of("VirtualMachine", "name", "runtime.powerState", "runtime.host");

    @TempDir
    Path dir;

    @Test
    void theMasterRestartsAFailedHostsVmsOnTheOtherHostAndReportsARefusedOne() throws Exception {
        try (Vcsim vcsim = VcsimCluster.start(Vcsim.Options.flags("-cluster", "1", "-host", "2", "-standalone-host", "0",
                "-vm", "4"));
             VsphereClient vc = VsphereClient.connect(vcsim.endpoint())) {
            List<HostId> hosts = VcsimCluster.hosts(vc);
            ClusterConfig cluster = VcsimCluster.cluster(vc, hosts);
            ClusterConfigFiles.write(dir.resolve("cluster.json"), cluster);
            List<AgentConfig> agents = new ArrayList<>();
            List<AgentRuntime> runtimes = new ArrayList<>();
            try {
                for (int i = 0; i < hosts.size(); i++) {
                    agents.add(VcsimCluster.agent(dir, hosts.get(i), i, vcsim.sdkUrl(), vcsim.user(), vcsim.password(), 5000));
                    runtimes.add(AgentRuntime.start(agents.get(i), cluster));
                }
                // The master protects all 4 VMs (each reported powered on by its host).
                VcsimCluster.waitFor("a master protecting 4 VMs", 15_000, () -> runtimes.stream().anyMatch(r ->
                        r.status().role().equals("master")
                                && r.status().vms().stream().filter(VmStatus::protectedByHa).count() == 4));
                int masterIndex = runtimes.get(0).status().role().equals("master") ? 0 : 1;
                int failedIndex = 1 - masterIndex;
                HostId failed = hosts.get(failedIndex);
                HostId survivor = hosts.get(masterIndex);
                List<ObjectProperties> victims = vc.inventory().readAll(VM).stream()
                        .filter(o -> o.moRef("runtime.host").orElseThrow().equals(MoRef.host(failed.moid()))).toList();
                assertThat(victims).isNotEmpty();

                // The host fails: its agent stops, its VMs go down; one of them can no longer be powered on.
                runtimes.get(failedIndex).close();
                for (ObjectProperties v : victims) {
                    vc.vms().powerOff(v.ref(), 10_000);
                }
                MoRef refused = victims.get(0).ref();
                vc.vms().markAsTemplate(refused);
                List<MoRef> restartable = victims.stream().map(ObjectProperties::ref).filter(r -> !r.equals(refused)).toList();

                AgentRuntime master = runtimes.get(masterIndex);
                AdminClient admin = AdminClient.forAgent(agents.get(masterIndex));
                VcsimCluster.waitFor("the failed host's VMs running on " + survivor, 20_000, () -> restartable.stream()
                        .allMatch(r -> vc.inventory().read(r, VM).map(o ->
                                o.moRef("runtime.host").orElseThrow().equals(MoRef.host(survivor.moid()))
                                        && o.string("runtime.powerState").orElseThrow().equals("poweredOn")).orElse(false)));
                VcsimCluster.waitFor("the refused power-on given up", 20_000, () -> admin.events(1000).stream().anyMatch(e ->
                        e.kind() == EventKind.RESTART_FAILED && e.message().startsWith(refused.value() + " not restarted after 3 attempts")));

                List<JournalEvent> events = admin.events(1000);
                assertThat(events).anySatisfy(e -> {
                    assertThat(e.kind()).isEqualTo(EventKind.RESTART_FAILED);
                    assertThat(e.message()).contains(refused.value() + " power-on on " + survivor + " failed (attempt 1)")
                            .contains("InvalidState").contains("retry in");
                });
                assertThat(events).anySatisfy(e -> {
                    assertThat(e.kind()).isEqualTo(EventKind.VM_POWERED_ON);
                    assertThat(e.message()).contains("powered on " + restartable.get(0).value());
                });
                for (MoRef r : restartable) {
                    assertThat(events).anySatisfy(e -> {
                        assertThat(e.kind()).isEqualTo(EventKind.RESTART_SUCCEEDED);
                        assertThat(e.message()).startsWith(r.value() + " running on " + survivor);
                    });
                }
                AgentStatus status = master.status();
                assertThat(status.vms()).filteredOn(v -> restartable.stream().anyMatch(r -> r.value().equals(v.vm())))
                        .allSatisfy(v -> {
                            assertThat(v.host()).isEqualTo(survivor.moid());
                            assertThat(v.power()).isEqualTo("poweredOn");
                        });
                // exactly one copy of every VM runs
                assertThat(vc.inventory().readAll(VM).stream().filter(o -> o.string("runtime.powerState").orElse("")
                        .equals("poweredOn")).map(o -> o.string("name").orElseThrow())).doesNotHaveDuplicates();
            } finally {
                runtimes.forEach(AgentRuntime::close);
            }
        }
    }
}
