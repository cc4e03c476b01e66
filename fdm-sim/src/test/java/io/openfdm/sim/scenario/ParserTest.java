package io.openfdm.sim.scenario;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParserTest {
    private static final String CLUSTER = """
            # three hosts
            seed 42
            timing aggressive
            datastore ds-1
            datastore ds-2
            host host-1 datastores ds-1,ds-2 cpu 20000 mem 65536
            host host-2 datastores ds-1 cpu 20000 mem 65536
            host host-3 datastores - cpu 100 mem 100
            vm vm-1 on host-1 ds ds-1 cpu 500 mem 1024 priority high
            """;

    @Test
    void parsesCluster() {
        ClusterDescription c = ClusterParser.parse(CLUSTER);
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.clusterId()).isEqualTo("c1");
        assertThat(c.timingName()).isEqualTo("aggressive");
        assertThat(c.datastores()).containsExactly("ds-1", "ds-2");
        assertThat(c.hosts()).extracting(h -> h.id().moid()).containsExactly("host-1", "host-2", "host-3");
        assertThat(c.host(HostId.of("host-3")).orElseThrow().datastores()).isEmpty();
        assertThat(c.vms()).containsExactly(new ClusterDescription.VmDescription(VmId.of("vm-1"), HostId.of("host-1"),
                "ds-1", 500, 1024, RestartPriority.HIGH));
        assertThat(c.toClusterConfig().hosts()).hasSize(3);
        assertThat(c.toClusterConfig().timing().tickIntervalMs()).isEqualTo(20);
        assertThat(ClusterParser.parse(c.toText())).isEqualTo(c);
    }

    @Test
    void parsesRestartPolicyLinesAndWritesThemBack() {
        ClusterDescription c = ClusterParser.parse(CLUSTER + """
                vm vm-2 on host-2 ds ds-1 cpu 500 mem 1024 priority medium
                restart-schedule 0,5,15.5
                readiness poweredOn delay 2 timeout 60
                depends vm-2 on vm-1
                anti-affinity apart vm-1,vm-2
                vm-host lic should vm-2 hosts host-1,host-2
                """);
        io.openfdm.core.config.RestartPolicy p = c.toClusterConfig().restartPolicy();
        assertThat(p.attemptScheduleMs()).containsExactly(0L, 5000L, 15500L);
        assertThat(p.readyCondition()).isEqualTo(io.openfdm.core.config.ReadyCondition.POWERED_ON);
        assertThat(p.postReadyDelayMs()).isEqualTo(2000);
        assertThat(p.readyTimeoutMs()).isEqualTo(60_000);
        assertThat(p.dependencies()).hasSize(1);
        assertThat(p.vmVmRules()).singleElement().satisfies(r -> assertThat(r.affinity()).isFalse());
        assertThat(p.vmHostRules()).singleElement().satisfies(r -> assertThat(r.mandatory()).isFalse());
        assertThat(ClusterParser.parse(c.toText())).isEqualTo(c);
        assertThat(ClusterParser.parse(CLUSTER).restartPolicy()).isNull();
        assertThatThrownBy(() -> ClusterParser.parse(CLUSTER + "depends vm-1 on vm-9\n"))
                .hasMessageContaining("unknown vm 'vm-9'");
        assertThatThrownBy(() -> ClusterParser.parse(CLUSTER + "restart-schedule 1,2\n"))
                .hasMessageContaining("cluster.restart.attemptScheduleMs[0]");
    }

    @Test
    void parsesCommands() {
        CommandList list = new CommandParser(ClusterParser.parse(CLUSTER)).parse("""
                0     loss 0.05
                10    power host-3 off   # crash
                10.5  partition host-1,host-2 | host-3
                12.25 storage host-2 ds-1 off
                13    fail-power-on vm-1 2
                14    corrupt ds-1 .vSphere-HA/c1/protectedlist
                15    wall-jump host-2 -30.5
                16    heal
                16    shutdown host-1
                end 30
                """);
        assertThat(list.endMs()).isEqualTo(30_000);
        assertThat(list.commands()).extracting(CommandList.Timed::atMs)
                .containsExactly(0L, 10_000L, 10_500L, 12_250L, 13_000L, 14_000L, 15_000L, 16_000L, 16_000L);
        assertThat(list.commands()).extracting(t -> t.command().text()).containsExactly(
                "loss 0.05", "power host-3 off", "partition host-1,host-2 | host-3", "storage host-2 ds-1 off",
                "fail-power-on vm-1 2", "corrupt ds-1 .vSphere-HA/c1/protectedlist", "wall-jump host-2 -30.500",
                "heal", "shutdown host-1");
        assertThat(list.commands().get(1).line()).isEqualTo(2);
        assertThat(list.commands().get(2).command()).isEqualTo(new Command.Partition(
                List.of(List.of(HostId.of("host-1"), HostId.of("host-2")), List.of(HostId.of("host-3")))));
    }

    @Test
    void parsesHostStateCommands() {
        CommandList list = new CommandParser(ClusterParser.parse(CLUSTER)).parse("""
                1 agent host-2 stop
                2 agent host-2 start
                3 datastore ds-1 off
                4 poweron host-1 isolated vm-1
                5 poweron host-1 clear -
                6 isolation-power-off host-1 vm-1
                end 30
                """);
        assertThat(list.commands()).extracting(t -> t.command().text()).containsExactly("agent host-2 stop",
                "agent host-2 start", "datastore ds-1 off", "poweron host-1 isolated vm-1", "poweron host-1 clear -",
                "isolation-power-off host-1 vm-1");
        assertThat(list.commands().get(3).command())
                .isEqualTo(new Command.Poweron(HostId.of("host-1"), true, List.of(VmId.of("vm-1"))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "5 explode host-1;                  cmdlist:2: unknown command 'explode'",
            "soon power host-1 off;             cmdlist:2: bad time: 'soon' is not a number of seconds",
            "-1 power host-1 off;               cmdlist:2: bad time: time must be >= 0 seconds",
            "1.0001 heal;                       cmdlist:2: bad time: '1.0001' has more than 3 decimals",
            "0.5 heal;                          cmdlist:2: time 0.5 is before the previous command at 1.000",
            "5 power host-9 off;                cmdlist:2: unknown host 'host-9'",
            "5 power host-1 sideways;           cmdlist:2: expected 'on' or 'off', found 'sideways'",
            "5 power host-1;                    cmdlist:2: expected 'power <host> off|on'",
            "5 storage host-1 ds-7 off;         cmdlist:2: unknown datastore 'ds-7'",
            "5 loss 1.5;                        cmdlist:2: probability must be a number in [0, 1], was '1.5'",
            "5 fail-power-on vm-9 1;            cmdlist:2: unknown vm 'vm-9'",
            "5 fail-power-on vm-1 0;            cmdlist:2: count must be an integer in [1, 1000], was '0'",
            "5 partition host-1,host-2;         cmdlist:2: expected 'partition <host,host> | <host,...>'",
            "5 partition host-1 | host-1;       cmdlist:2: host-1 appears in two partition groups",
            "5;                                 cmdlist:2: expected '<seconds> <command>'",
            "5 agent host-1 restart;            cmdlist:2: expected 'stop' or 'start', found 'restart'",
            "5 agent host-9 stop;               cmdlist:2: unknown host 'host-9'",
            "5 datastore ds-7 off;              cmdlist:2: unknown datastore 'ds-7'",
            "5 poweron host-1 maybe vm-1;       cmdlist:2: expected 'isolated' or 'clear', found 'maybe'",
            "5 poweron host-1 isolated vm-9;    cmdlist:2: unknown vm 'vm-9'",
            "5 isolation-power-off host-1;      cmdlist:2: expected 'isolation-power-off <host> <vm>'",
    })
    void badCommandLinesNameTheirLine(String line, String message) {
        CommandParser parser = new CommandParser(ClusterParser.parse(CLUSTER));
        assertThatThrownBy(() -> parser.parse("1 heal\n" + line + "\nend 30\n"))
                .isInstanceOf(ScenarioSyntaxException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(((ScenarioSyntaxException) e).line()).isEqualTo(2));
    }

    @Test
    void endIsRequiredLastAndNotBeforeCommands() {
        CommandParser parser = new CommandParser(ClusterParser.parse(CLUSTER));
        assertThatThrownBy(() -> parser.parse("1 heal\n")).hasMessage("cmdlist:0: missing final line 'end <seconds>'");
        assertThatThrownBy(() -> parser.parse("end 10\n11 heal\n")).hasMessageStartingWith("cmdlist:2: nothing may follow");
        assertThatThrownBy(() -> parser.parse("\n# c\n20 heal\nend 10\n"))
                .hasMessageStartingWith("cmdlist:4: end 10 is before the last command at 20.000");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "hots host-4 datastores ds-1 cpu 1 mem 1;             cluster:10: unknown keyword 'hots'",
            "host host-4 datastores ds-9 cpu 1 mem 1;             cluster:10: unknown datastore 'ds-9'",
            "host host-4 datastores ds-1 cpu lots mem 1;          cluster:10: cpu must be an integer, was 'lots'",
            "host host-4 datastores ds-1 cpu 1 memory 1;          cluster:10: expected 'mem' as word 7, found 'memory'",
            "host host-1 datastores ds-1 cpu 1 mem 1;             cluster:10: host host-1 declared twice",
            "vm vm-2 on host-9 ds ds-1 cpu 1 mem 1 priority high; cluster:10: unknown host 'host-9'",
            "vm vm-2 on host-1 ds ds-1 cpu 1 mem 1 priority urgent; cluster:10: priority must be one of",
            "timing fast;                                         cluster:10: timing must be 'default' or 'aggressive'",
            "seed x;                                              cluster:10: seed must be an integer, was 'x'",
            "isolation response off;                              cluster:10: isolation response must be one of [none, powerOff, shutdown]",
            "isolation delay 10;                                  cluster:10: isolation.policyDelayMs: must be >= 30000",
            "isolation colour red;                                cluster:10: unknown isolation setting 'colour'",
            "isolation response;                                  cluster:10: expected 'isolation [response",
            "isolation vm vm-9 response none;                     cluster:10: unknown vm 'vm-9'",
    })
    void badClusterLinesNameTheirLine(String line, String message) {
        assertThatThrownBy(() -> ClusterParser.parse(CLUSTER + line + "\n"))
                .isInstanceOf(ScenarioSyntaxException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void timesFormatWithThreeDecimals() {
        assertThat(Times.format(0)).isEqualTo("0.000");
        assertThat(Times.format(12_345)).isEqualTo("12.345");
        assertThat(Times.format(-500)).isEqualTo("-0.500");
        assertThat(Times.parseSeconds("2.5", false)).isEqualTo(2_500);
    }

    @Test
    void parsesIsolationLinesIntoThePolicyAndOverridesAndWritesThemBack() {
        ClusterDescription c = ClusterParser.parse(CLUSTER
                + "isolation response shutdown delay 45 shutdown-timeout 60 gateway off addresses 10.9.0.1,10.9.0.2\n"
                + "isolation vm vm-1 response none\n");
        var policy = c.toClusterConfig().haPolicy();
        assertThat(policy.isolationResponse()).isEqualTo(io.openfdm.core.config.IsolationResponse.SHUTDOWN);
        assertThat(policy.isolation()).isEqualTo(new io.openfdm.core.config.IsolationPolicy(
                List.of("10.9.0.1", "10.9.0.2"), false, 45_000, 60_000));
        assertThat(c.toClusterConfig().override(VmId.of("vm-1")).orElseThrow().isolationResponse())
                .isEqualTo(io.openfdm.core.config.IsolationResponse.NONE);
        assertThat(ClusterParser.parse(c.toText())).isEqualTo(c);
        assertThat(ClusterParser.parse(CLUSTER).haPolicy()).isEqualTo(io.openfdm.core.config.HaPolicy.defaults());
    }

    @Test
    void parsesHangGuest() {
        CommandParser parser = new CommandParser(ClusterParser.parse(CLUSTER));
        assertThat(parser.parse("3 hang-guest vm-1\nend 5\n").commands().get(0).command())
                .isEqualTo(new Command.HangGuest(VmId.of("vm-1")));
        assertThatThrownBy(() -> parser.parse("3 hang-guest vm-7\nend 5\n")).hasMessageContaining("unknown vm 'vm-7'");
    }

    @Test
    void parsesRestartClassLinesIntoTheOverridesAndWritesThemBack() {
        ClusterDescription c = ClusterParser.parse(CLUSTER + "vm vm-2 on host-2 ds ds-1 cpu 500 mem 1024 priority medium\n"
                + "isolation vm vm-1 response none\n"
                + "restart-class vm-1 agentVm\n"
                + "restart-class vm-2 ftSecondary\n");
        var config = c.toClusterConfig();
        assertThat(config.vmOverrides()).as("one override per VM").hasSize(2);
        assertThat(config.override(VmId.of("vm-1")).orElseThrow()).satisfies(o -> {
            assertThat(o.restartClass()).isEqualTo(io.openfdm.core.model.RestartClass.AGENT_VM);
            assertThat(o.isolationResponse()).as("kept").isEqualTo(io.openfdm.core.config.IsolationResponse.NONE);
        });
        assertThat(config.override(VmId.of("vm-2")).orElseThrow().restartClass())
                .isEqualTo(io.openfdm.core.model.RestartClass.FT_SECONDARY);
        assertThat(c.toText()).contains("restart-class vm-1 agentVm\n").contains("restart-class vm-2 ftSecondary\n");
        assertThat(ClusterParser.parse(c.toText())).isEqualTo(c);

        assertThatThrownBy(() -> ClusterParser.parse(CLUSTER + "restart-class vm-1 agent\n"))
                .hasMessageStartingWith("cluster:10: restart class must be one of [agentVm, ftSecondary, ordinary], was 'agent'");
        assertThatThrownBy(() -> ClusterParser.parse(CLUSTER + "restart-class vm-9 agentVm\n"))
                .hasMessageStartingWith("cluster:10: unknown vm 'vm-9'");
    }
}
