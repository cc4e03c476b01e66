package io.openfdm.sim.scenario;

import io.openfdm.core.model.HostId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultCommandParserTest {
    private static final ClusterDescription CLUSTER = ClusterParser.parse("""
            seed 1
            datastore ds-1
            host host-1 datastores ds-1 cpu 20000 mem 65536
            host host-2 datastores ds-1 cpu 20000 mem 65536
            """);

    private static List<Command> parse(String text) {
        return new CommandParser(CLUSTER).parse(text).commands().stream().map(CommandList.Timed::command).toList();
    }

    @Test
    void everyFaultCommandParsesAndPrintsBackAsWritten() {
        String text = """
                1 apd ds-1 off
                1 slow-io host-2 ds-1 800
                1 drift host-2 -3.5
                1 spike 0.1 1500
                1 tear ds-1 .vSphere-HA/c1/protectedlist
                1 crash-at host-2 torn-write 3 power
                1 crash-at host-1 send 5 agent 400
                end 2
                """;
        List<Command> commands = parse(text);
        assertThat(commands).containsExactly(
                new Command.AllPathsDown("ds-1", false),
                new Command.SlowIo(HostId.of("host-2"), "ds-1", 800),
                new Command.Drift(HostId.of("host-2"), -3.5),
                new Command.Spike(0.1, 1500),
                new Command.Tear("ds-1", ".vSphere-HA/c1/protectedlist"),
                new Command.CrashAt(HostId.of("host-2"), Command.CrashPoint.TORN_WRITE, 3, true, 0),
                new Command.CrashAt(HostId.of("host-1"), Command.CrashPoint.SEND, 5, false, 400));
        StringBuilder back = new StringBuilder();
        for (Command c : commands) {
            back.append("1 ").append(c.text()).append('\n');
        }
        assertThat(back + "end 2\n").isEqualTo(text);
    }

    @Test
    void badFaultCommandsNameTheProblem() {
        assertThatThrownBy(() -> parse("1 apd ds-9 off\nend 2\n")).hasMessageContaining("unknown datastore 'ds-9'");
        assertThatThrownBy(() -> parse("1 drift host-1 75\nend 2\n")).hasMessageContaining("drift must be within");
        assertThatThrownBy(() -> parse("1 spike 2 10\nend 2\n")).hasMessageContaining("probability");
        assertThatThrownBy(() -> parse("1 crash-at host-1 fsync 1 power\nend 2\n"))
                .hasMessageContaining("crash point must be write, torn-write or send");
        assertThatThrownBy(() -> parse("1 crash-at host-1 send 1 agent\nend 2\n"))
                .hasMessageContaining("restart delay goes with 'agent' only");
        assertThatThrownBy(() -> parse("1 slow-io host-1 ds-1 -5\nend 2\n")).hasMessageContaining("latency");
    }
}
