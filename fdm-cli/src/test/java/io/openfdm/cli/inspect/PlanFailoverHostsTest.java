package io.openfdm.cli.inspect;

import io.openfdm.cli.agents.AgentTargets;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.agents.FakeAgentLink;
import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.RestartPolicy;
import io.openfdm.core.config.Timing;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartClass;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.RestartPlan;
import io.openfdm.core.wire.SlaveHeartbeat;
import io.openfdm.core.wire.VmReport;
import io.openfdm.master.MasterAction;
import io.openfdm.master.MasterEvent;
import io.openfdm.master.MasterMachine;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fdm plan} under the failoverHosts admission control policy, from a real master's plan: a
 * {@link MasterMachine} that knows four hosts (host-4 the failover host, host-2 with the most free
 * memory) computes the plan for host-1's failure with the code of a real failure, and the command
 * prints it. The failover host comes first; the VM it cannot take goes to host-2.
 */
class PlanFailoverHostsTest {
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");
    private static final HostId H3 = HostId.of("host-3");
    private static final HostId H4 = HostId.of("host-4");
    private static final List<HostId> ALL = List.of(H1, H2, H3, H4);

    private MasterMachine master;
    private long now;

    @Test
    void planPrintsTheFailoverHostFirstAndAnotherHostForWhatItCannotTake() {
        ClusterConfig config = new ClusterConfig("c1", 1, "ab".repeat(32), List.of(
                host(H1, 65_536), host(H2, 65_536), host(H3, 65_536), host(H4, 16_384)),
                List.of(new DatastoreSpec("ds-1", "/ds1")),
                List.of(new VmOverride(VmId.of("vm-3"), true, null, null, RestartClass.AGENT_VM)), 2, Timing.defaults(),
                new HaPolicy(true, IsolationResponse.NONE, true, AdmissionControlPolicy.failoverHosts(1, List.of(H4))),
                RestartPolicy.defaults()).validate();
        master = new MasterMachine(H3, config, new Claim(H3, 1), now, MasterMachine.Handover.none(), 1);
        step(new MasterEvent.LeaseHeld("ds-1", 1, now + 1000));
        step(new MasterEvent.Tick());
        step(new MasterEvent.ProtectedListLoaded("ds-1", new MasterEvent.ProtectedListRead.Missing()));
        Map<HostId, List<VmInfo>> inventory = Map.of(
                H1, List.of(vm("vm-1", 8192, RestartPriority.HIGHEST), vm("vm-2", 10_240, RestartPriority.MEDIUM),
                        vm("vm-3", 2048, RestartPriority.LOWEST)),
                H2, List.of(), H3, List.of(), H4, List.of());
        for (HostId h : ALL) {
            step(new MasterEvent.SlaveHeartbeatReceived(h, new SlaveHeartbeat(1, H3, 1, List.of("ds-1"))));
            step(new MasterEvent.VmReportReceived(h, new VmReport(1, 1, inventory.get(h))));
        }
        for (int i = 0; i < 4; i++) {
            now += 50;
            step(new MasterEvent.LeaseHeld("ds-1", 1, now + 1000));
            for (HostId h : ALL) {
                step(new MasterEvent.SlaveHeartbeatReceived(h, new SlaveHeartbeat(1, H3, 1, List.of("ds-1"))));
                step(new MasterEvent.HeartbeatObserved(h, "ds-1", OptionalLong.of(i)));
            }
            step(new MasterEvent.Tick());
        }
        assertThat(master.view(now).protectedCount("ds-1")).isEqualTo(3);

        FakeAgentLink link = new FakeAgentLink("host-3", new AgentStatus("host-3", "master", "host-3", "c1", 1, now, Map.of(),
                List.of(), List.of(), List.of(), null, null));
        link.plan = master.view(now).plan(List.of(H1));
        RestartPlan plan = PlanCommand.ask(ClusterView.poll(new AgentTargets(List.of(link), Map.of(), false)).requirePreferred(),
                List.of("host-1"));
        StringWriter text = new StringWriter();
        PlanCommand.print(plan, new PrintWriter(text));
        // host-4 (16384 MB) takes the agent VM (2048) and vm-1 (8192); vm-2 (10240) no longer
        // fits (6144 left) and goes to host-2, which without the policy would have taken all three.
        assertThat(text.toString().lines()).containsSequence(
                "ORDER  WAVE  VM    NAME  PRIORITY  CLASS     FROM    DATASTORE  CPU MHZ  MEMORY MB  ACTION   TARGET  REASON",
                "    1     1  vm-3  vm-3  lowest    agentVm   host-1  ds-1           100       2048  powerOn  host-4",
                "    2     1  vm-1  vm-1  highest   ordinary  host-1  ds-1           100       8192  powerOn  host-4",
                "    3     1  vm-2  vm-2  medium    ordinary  host-1  ds-1           100      10240  powerOn  host-2");
        assertThat(text.toString()).startsWith("if host-1 fails now, master host-3 restarts 3 of 3 protected VMs\n");
    }

    private static HostSpec host(HostId id, int memoryMb) {
        return new HostSpec(id, "127.0.12." + id.moid().charAt(5), 8182, List.of("ds-1"), 20_000, memoryMb);
    }

    private static VmInfo vm(String id, int mem, RestartPriority p) {
        return new VmInfo(VmId.of(id), id, "ds-1", PowerState.POWERED_ON, 100, mem, p);
    }

    /** Feeds an event; protectedlist writes succeed at once. */
    private void step(MasterEvent e) {
        ArrayDeque<MasterEvent> queue = new ArrayDeque<>(List.of(e));
        while (!queue.isEmpty()) {
            for (MasterAction a : master.step(queue.poll(), now)) {
                if (a instanceof MasterAction.WriteProtectedList w) {
                    queue.add(new MasterEvent.ProtectedListWritten(w.datastore(), w.list().version(), true, ""));
                }
            }
        }
    }
}
