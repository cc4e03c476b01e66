package io.openfdm.cli.inspect;

import io.openfdm.agent.admin.AdminServer;
import io.openfdm.agent.admin.AdminToken;
import io.openfdm.agent.admin.HostModeAnswer;
import io.openfdm.agent.admin.HostModeControl;
import io.openfdm.cli.CliException;
import io.openfdm.cli.CliRun;
import io.openfdm.cli.agents.AgentTargets;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.agents.FakeAgentLink;
import io.openfdm.core.journal.EventJournal;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.HostStatus;
import io.openfdm.hostd.Hypervisor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.openfdm.cli.agents.FakeAgentLink.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code fdm host maintenance|standby enter|exit MOID}, end to end against a real admin endpoint. */
class HostModeCommandTest {
    @TempDir
    Path stateDir;

    private final ExecutorService agentThread = Executors.newSingleThreadExecutor();
    private volatile HostMode mode = HostMode.NORMAL;
    private AdminServer server;

    @BeforeEach
    void start() throws Exception {
        HostModeControl control = new HostModeControl() {
            @Override
            public String host() {
                return "host-3";
            }

            @Override
            public HostMode current() {
                return mode;
            }

            @Override
            public boolean set(HostMode next) {
                boolean changed = next != mode;
                mode = next;
                return changed;
            }
        };
        server = AdminServer.start(new InetSocketAddress(InetAddress.getByName("127.0.10.2"), 0), stateDir, agentThread,
                this::agentStatus, new NoJournal(), new NoVms(), control);
        // A loaded machine can make the first answer of a cold JVM slower than the CLI's 3 s timeout.
        io.openfdm.agent.admin.AdminClient warm = new io.openfdm.agent.admin.AdminClient(server.address(),
                AdminToken.read(stateDir));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                warm.status();
                break;
            } catch (io.openfdm.agent.admin.AdminClientException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    @AfterEach
    void stop() {
        server.close();
        agentThread.shutdownNow();
    }

    private AgentStatus agentStatus() {
        return new AgentStatus("host-3", "slave", "host-1", "c1", 1, 1000, Map.of(),
                List.of(new HostStatus("host-3", "127.0.10.13", "connectedToMaster", 0, List.of("ds-1"), 0,
                        mode.displayName())), List.of(), List.of());
    }

    private CliRun fdm(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--agent";
        all[args.length + 1] = "127.0.10.2:" + server.address().getPort();
        all[args.length + 2] = "--token-file";
        all[args.length + 3] = AdminToken.file(stateDir).toString();
        return CliRun.of(all);
    }

    @Test
    void entersAndExitsMaintenanceThroughTheHostsAgent() {
        CliRun enter = fdm("host", "maintenance", "enter", "host-3");
        assertThat(enter.exitCode()).as(enter.err()).isEqualTo(0);
        assertThat(enter.out()).isEqualTo("host-3 entered maintenance mode\n");
        assertThat(mode).isEqualTo(HostMode.MAINTENANCE);
        assertThat(fdm("host", "maintenance", "enter", "host-3").out()).isEqualTo("host-3 was already in maintenance mode\n");
        CliRun hosts = fdm("hosts");
        assertThat(hosts.out()).contains("connectedToMaster (maintenance)");
        assertThat(fdm("status").out()).contains("mode").contains("maintenance (no restarts placed here");
        assertThat(fdm("host", "maintenance", "exit", "host-3").out()).isEqualTo("host-3 left maintenance mode (now normal)\n");
        assertThat(mode).isEqualTo(HostMode.NORMAL);
    }

    @Test
    void aRefusalExitsOneWithTheAgentsReason() {
        assertThat(fdm("host", "standby", "enter", "host-3", "--json").out()).contains("\"mode\" : \"standby\"");
        CliRun refused = fdm("host", "maintenance", "enter", "host-3");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("maintenance enter refused: the host is in standby mode; exit it before entering maintenance mode");
        assertThat(mode).isEqualTo(HostMode.STANDBY);
    }

    @Test
    void badUsageExitsTwoAndAnotherHostExitsOne() {
        assertThat(fdm("host", "maintenance", "begin", "host-3").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("host", "maintenance", "enter").exitCode()).isEqualTo(2);
        CliRun other = fdm("host", "maintenance", "enter", "host-9");
        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.err()).contains("no answering agent is host-9 (answered: host-3)");
        assertThat(mode).isEqualTo(HostMode.NORMAL);
    }

    @Test
    void picksTheAgentWhoseStatusNamesTheHost() {
        FakeAgentLink h1 = new FakeAgentLink("host-1", status("host-1", "master", "host-1"));
        FakeAgentLink h2 = new FakeAgentLink("host-2", status("host-2", "slave", "host-1"));
        ClusterView view = ClusterView.poll(new AgentTargets(List.of(h1, h2), Map.of(), false));
        assertThat(HostModeCommand.agentOf("host-2", view)).isSameAs(h2);
        assertThatThrownBy(() -> HostModeCommand.agentOf("host-5", view)).isInstanceOf(CliException.class)
                .hasMessageContaining("no answering agent is host-5");
        assertThat(HostModeCommand.describe(new HostModeAnswer("host-2", "normal", false), "standby", false))
                .isEqualTo("host-2 was not in standby mode (now normal)");
    }

    private static final class NoJournal implements EventJournal {
        @Override
        public void record(JournalEvent event) {
        }

        @Override
        public List<JournalEvent> recent(int limit) {
            return List.of();
        }
    }

    private static final class NoVms implements Hypervisor {
        @Override
        public List<VmInfo> listVms() {
            return List.of();
        }

        @Override
        public Optional<VmInfo> vm(VmId id) {
            return Optional.empty();
        }

        @Override
        public VmInfo register(String datastore, VmId id) {
            throw new io.openfdm.hostd.HypervisorException(id, "no datastores here");
        }

        @Override
        public void powerOn(VmId id) {
            throw new io.openfdm.hostd.HypervisorException(id, "no VMs here");
        }

        @Override
        public void powerOff(VmId id) {
            throw new io.openfdm.hostd.HypervisorException(id, "no VMs here");
        }

        @Override
        public void shutdownGuest(VmId id) {
            throw new io.openfdm.hostd.HypervisorException(id, "no VMs here");
        }
    }
}
