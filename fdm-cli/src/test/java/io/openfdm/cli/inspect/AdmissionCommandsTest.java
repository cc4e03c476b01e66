package io.openfdm.cli.inspect;

import io.openfdm.cli.CliException;
import io.openfdm.cli.CliRun;
import io.openfdm.cli.agents.AgentTargets;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.agents.FakeAgentLink;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.CapacityStatus;
import io.openfdm.core.status.CapacityStatus.HostRoom;
import io.openfdm.core.status.RestartPlan;
import io.openfdm.datastore.json.FdmJson;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code fdm capacity} and {@code fdm plan}: what they print from the master's answers. */
class AdmissionCommandsTest {
    static final CapacityStatus SLOTS = new CapacityStatus("slotPolicy", true, 1, 0, false,
            "tolerates 0 of 1 host failure: the 2 live hosts hold 4 slots of 1000 MHz and 4096 MB, 4 are used by"
                    + " protected VMs; without the 1 largest host 2 are left",
            1000, 4096, 4, 4, -2, 20_000, 16_384, 4000, 16_384, -1, -1, 80, 0, 4,
            List.of(new HostRoom("host-10", true, false, 10_000, 8192, 2000, 8192, 2, 2),
                    new HostRoom("host-2", false, false, 10_000, 8192, 0, 0, 0, 0),
                    new HostRoom("host-3", true, false, 10_000, 8192, 2000, 8192, 2, 2)));

    static final RestartPlan PLAN = new RestartPlan("host-1", List.of("host-3"), List.of("host-3 is already hostDown"),
            List.of(new RestartPlan.Step(1, 1, "vm-5", "db", "highest", "host-3", "ds-1", 1000, 6000, "powerOn", "host-1", ""),
                    new RestartPlan.Step(2, 2, "vm-4", "batch", "disabled", "host-3", "ds-1", 100, 512, "register", "host-4", ""),
                    new RestartPlan.Step(3, 0, "vm-3", "web", "medium", "host-3", "ds-2", 1000, 2048, "none", "",
                            "no surviving host reaches ds-2")),
            SLOTS);

    private static AgentStatus master(CapacityStatus capacity) {
        return new AgentStatus("host-1", "master", "host-1", "c1", 1, 1000, Map.of(), List.of(), List.of(), List.of(), null,
                capacity);
    }

    @Test
    void capacityShowsThePolicyTheVerdictAndEachHostsRoom() {
        assertThat(CapacityCommand.describe(SLOTS).render().lines()).containsExactly(
                "policy                slotPolicy",
                "failures to tolerate  1",
                "failures tolerated    0",
                "verdict               insufficient: " + SLOTS.reason(),
                "slot                  1000 MHz, 4096 MB",
                "slots                 4 total, 4 used, -2 available after keeping the 1 largest hosts' slots",
                "cpu                   20000 MHz live, 4000 reserved, 80% free",
                "memory                16384 MB live, 16384 reserved, 0% free",
                "protected VMs         4");
        assertThat(CapacityCommand.table(SLOTS).render().lines()).containsExactly(
                "HOST     LIVE  CPU MHZ  CPU FREE  MEMORY MB  MEMORY FREE  VMS  SLOTS",
                "host-2   no      10000     10000       8192         8192    0      0",
                "host-3   yes     10000      8000       8192            0    2      2",
                "host-10  yes     10000      8000       8192            0    2      2");
    }

    @Test
    void capacityOfTheDefaultPercentagePolicySaysItIsNotConfigured() {
        CapacityStatus c = new CapacityStatus("resourcePercentage", false, 1, 1, true, "", 0, 0, 0, 0, 0, 20_000, 16_384, 1000,
                2048, 50, 50, 95, 87, 2, List.of(new HostRoom("host-1", true, false, 10_000, 8192, 1000, 2048, 2, 0)));
        assertThat(CapacityCommand.describe(c).render().lines())
                .contains("policy                resourcePercentage (vSphere's default: not in cluster.json, no warnings)",
                        "verdict               sufficient",
                        "cpu                   20000 MHz live, 1000 reserved, 95% free (50% kept for failover)")
                .noneMatch(l -> l.startsWith("slot"));
        assertThat(CapacityCommand.table(c).render().lines().findFirst()).hasValue(
                "HOST    LIVE  CPU MHZ  CPU FREE  MEMORY MB  MEMORY FREE  VMS");
    }

    @Test
    void capacityFromASlaveIsAFailureNamingTheMaster() {
        AgentStatus slave = new AgentStatus("host-2", "slave", "host-1", "c1", 1, 1000, Map.of(), List.of(), List.of(), List.of());
        assertThatThrownBy(() -> CapacityCommand.capacityOf(slave)).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(1);
            assertThat(e.getMessage()).isEqualTo("host-2 is slave (master host-1): only the master computes the failover capacity");
        });
        assertThat(CapacityCommand.capacityOf(master(SLOTS))).isSameAs(SLOTS);
    }

    @Test
    void planAsksTheMasterAndPrintsTheOrderTargetsAndReasons() {
        FakeAgentLink m = new FakeAgentLink("host-1", master(SLOTS));
        m.plan = PLAN;
        FakeAgentLink s = new FakeAgentLink("host-2", FakeAgentLink.status("host-2", "slave", "host-1"));
        ClusterView view = ClusterView.poll(new AgentTargets(List.of(s, m), Map.of(), false));
        RestartPlan plan = PlanCommand.ask(view.requirePreferred(), List.of("host-3"));
        assertThat(plan).isSameAs(PLAN);
        assertThat(m.calls).contains("plan host-3");
        assertThat(s.calls).doesNotContain("plan host-3");

        StringWriter text = new StringWriter();
        PlanCommand.print(plan, new PrintWriter(text));
        assertThat(text.toString().lines()).containsExactly(
                "if host-3 fails now, master host-1 restarts 2 of 3 protected VMs; 1 cannot be placed",
                "note: host-3 is already hostDown",
                "",
                "ORDER  WAVE  VM    NAME   PRIORITY  FROM    DATASTORE  CPU MHZ  MEMORY MB  ACTION    TARGET  REASON",
                "    1     1  vm-5  db     highest   host-3  ds-1          1000       6000  powerOn   host-1",
                "    2     2  vm-4  batch  disabled  host-3  ds-1           100        512  register  host-4",
                "    3     -  vm-3  web    medium    host-3  ds-2          1000       2048  none      -       no surviving host reaches ds-2",
                "",
                "afterwards: slotPolicy insufficient, " + SLOTS.reason());
    }

    @Test
    void planWithoutAMasterOrRefusedFails() {
        FakeAgentLink s = new FakeAgentLink("host-2", FakeAgentLink.status("host-2", "slave", "host-1"));
        ClusterView onlySlave = ClusterView.poll(new AgentTargets(List.of(s), Map.of(), false));
        assertThatThrownBy(() -> PlanCommand.ask(onlySlave.requirePreferred(), List.of("host-3")))
                .isInstanceOf(CliException.class)
                .hasMessage("no master answered (host-2 is slave): only the master can plan a failure");
        FakeAgentLink m = new FakeAgentLink("host-1", master(SLOTS)); // refuses: plan == null
        ClusterView view = ClusterView.poll(new AgentTargets(List.of(m), Map.of(), false));
        assertThatThrownBy(() -> PlanCommand.ask(view.requirePreferred(), List.of("host-3")))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessageContaining("host-1 is not the master");
        m.planError = new io.openfdm.cli.agents.AgentCallException("host-1: plan: unknown host host-9",
                new io.openfdm.agent.admin.AdminClientException(400, "unknown host host-9 (members: host-1, host-2)"));
        assertThatThrownBy(() -> PlanCommand.ask(view.requirePreferred(), List.of("host-9")))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).as("bad input").isEqualTo(2))
                .hasMessage("unknown host host-9 (members: host-1, host-2)");
    }

    @Test
    void planJsonRoundTripsAndFailIsRequired() throws Exception {
        String json = FdmJson.mapper().writeValueAsString(PLAN);
        assertThat(FdmJson.mapper().readValue(json, RestartPlan.class)).isEqualTo(PLAN);
        CliRun r = CliRun.of("plan");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--fail=HOST'");
        assertThat(CliRun.of("capacity", "--help").out()).contains("Failover capacity");
    }
}
