package io.openfdm.sim.scenario;

import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.VmId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scenario language's maintenance, standby, hang-guest and vm-monitoring lines. */
class MaintenanceVmMonitoringParserTest {
    private static final String CLUSTER = """
            datastore ds-1
            host host-1 datastores ds-1 cpu 20000 mem 65536
            host host-2 datastores ds-1 cpu 20000 mem 65536
            vm vm-1 on host-1 ds ds-1 cpu 500 mem 1024 priority high
            """;

    @Test
    void modeAndHangCommandsParseAndPrintBack() {
        CommandList list = new CommandParser(ClusterParser.parse(CLUSTER)).parse("""
                1 maintenance host-2 enter
                2 maintenance host-2 exit
                3 standby host-1 enter
                4 hang-guest vm-1
                end 10
                """);
        assertThat(list.commands()).extracting(CommandList.Timed::command).containsExactly(
                new Command.HostModeChange(HostId.of("host-2"), HostMode.MAINTENANCE, true),
                new Command.HostModeChange(HostId.of("host-2"), HostMode.MAINTENANCE, false),
                new Command.HostModeChange(HostId.of("host-1"), HostMode.STANDBY, true),
                new Command.HangGuest(VmId.of("vm-1")));
        assertThat(list.commands()).extracting(t -> t.command().text()).containsExactly(
                "maintenance host-2 enter", "maintenance host-2 exit", "standby host-1 enter", "hang-guest vm-1");
    }

    @Test
    void badLinesSayWhatWasExpected() {
        CommandParser parser = new CommandParser(ClusterParser.parse(CLUSTER));
        assertThatThrownBy(() -> parser.parse("1 maintenance host-2 begin\nend 5\n"))
                .hasMessageStartingWith("cmdlist:1: expected 'enter' or 'exit', found 'begin'");
        assertThatThrownBy(() -> parser.parse("1 standby host-9 enter\nend 5\n")).hasMessageContaining("unknown host 'host-9'");
        assertThatThrownBy(() -> parser.parse("1 hang-guest vm-9\nend 5\n")).hasMessageContaining("unknown vm 'vm-9'");
        assertThatThrownBy(() -> parser.parse("1 hang-guest\nend 5\n")).hasMessageContaining("expected 'hang-guest <vm>'");
    }

    @Test
    void vmMonitoringLineTakesAPresetAndCustomValuesAndRoundTrips() {
        assertThat(ClusterParser.parse(CLUSTER).vmMonitoring()).isEqualTo(VmMonitoringPolicy.disabled());
        ClusterDescription c = ClusterParser.parse("vm-monitoring medium\n" + CLUSTER);
        assertThat(c.vmMonitoring()).isEqualTo(VmMonitoringPolicy.of(true, VmMonitoringPolicy.Sensitivity.MEDIUM));
        ClusterDescription custom = ClusterParser.parse(
                "vm-monitoring low failure-interval 45 min-uptime 20.5 max-resets 2 window 600\n" + CLUSTER);
        assertThat(custom.vmMonitoring()).isEqualTo(new VmMonitoringPolicy(true, 45_000, 20_500, 2, 600_000));
        assertThat(custom.toClusterConfig().haPolicy().vmMonitoring()).isEqualTo(custom.vmMonitoring());
        assertThat(ClusterParser.parse(custom.toText())).isEqualTo(custom);
        assertThatThrownBy(() -> ClusterParser.parse("vm-monitoring extreme\n" + CLUSTER))
                .hasMessageContaining("sensitivity must be one of high, medium, low");
        assertThatThrownBy(() -> ClusterParser.parse("vm-monitoring high max-resets 0\n" + CLUSTER))
                .hasMessageContaining("vm-monitoring.maxResets: must be >= 1");
        assertThatThrownBy(() -> ClusterParser.parse("vm-monitoring high speed 3\n" + CLUSTER))
                .hasMessageContaining("unknown setting 'speed'");
    }
}
