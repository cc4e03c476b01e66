package io.openfdm.agent.admin;

import io.openfdm.core.model.HostMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code /host/mode} and {@code /host/{maintenance|standby}/{enter|exit}} of the admin endpoint. */
class HostModeEndpointTest {
    @TempDir
    Path stateDir;

    private final ExecutorService agentThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "agent"));
    private final RecordingModes modes = new RecordingModes();
    private AdminServer server;

    /** Keeps the mode in a field and records which thread each call came on. */
    static final class RecordingModes implements HostModeControl {
        volatile HostMode mode = HostMode.NORMAL;
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<HostMode> sets = new CopyOnWriteArrayList<>();

        @Override
        public String host() {
            return "host-2";
        }

        @Override
        public HostMode current() {
            threads.add(Thread.currentThread().getName());
            return mode;
        }

        @Override
        public boolean set(HostMode next) {
            threads.add(Thread.currentThread().getName());
            sets.add(next);
            boolean changed = next != mode;
            mode = next;
            return changed;
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = AdminServer.start(new InetSocketAddress(InetAddress.getByName("127.0.10.1"), 0), stateDir, agentThread,
                () -> AdminServerTest.STATUS, new AdminServerTest.ListJournal(), new AdminServerTest.FakeHypervisor(), modes);
    }

    @AfterEach
    void stop() {
        server.close();
        agentThread.shutdownNow();
    }

    private AdminClient client() {
        return new AdminClient(server.address(), AdminToken.read(stateDir));
    }

    @Test
    void enterAndExitMaintenanceOnTheAgentThread() {
        assertThat(client().hostMode()).isEqualTo(new HostModeAnswer("host-2", "normal", false));
        assertThat(client().changeHostMode("maintenance", true)).isEqualTo(new HostModeAnswer("host-2", "maintenance", true));
        assertThat(modes.mode).isEqualTo(HostMode.MAINTENANCE);
        assertThat(client().changeHostMode("maintenance", true)).isEqualTo(new HostModeAnswer("host-2", "maintenance", false));
        assertThat(client().changeHostMode("maintenance", false)).isEqualTo(new HostModeAnswer("host-2", "normal", true));
        assertThat(client().changeHostMode("maintenance", false)).isEqualTo(new HostModeAnswer("host-2", "normal", false));
        assertThat(modes.sets).containsExactly(HostMode.MAINTENANCE, HostMode.NORMAL);
        assertThat(modes.threads).isNotEmpty().allMatch("agent"::equals);
    }

    @Test
    void standbyAndMaintenanceExcludeEachOther() {
        client().changeHostMode("standby", true);
        assertThatThrownBy(() -> client().changeHostMode("maintenance", true))
                .isInstanceOf(AdminClientException.class)
                .hasMessage("maintenance enter refused: the host is in standby mode; exit it before entering maintenance mode");
        assertThatThrownBy(() -> client().changeHostMode("maintenance", false))
                .hasMessageContaining("the host is in standby mode, not maintenance mode");
        assertThat(modes.mode).isEqualTo(HostMode.STANDBY);
        assertThat(client().changeHostMode("standby", false).mode()).isEqualTo("normal");
    }

    @Test
    void wrongMethodOrModeIsRefused() throws Exception {
        String auth = "Bearer " + AdminToken.read(stateDir);
        String base = "http://127.0.10.1:" + server.address().getPort();
        HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/host/maintenance/enter"))
                .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThatThrownBy(() -> client().changeHostMode("vacation", true)).hasMessageContaining("no endpoint POST /host/vacation/enter");
        assertThat(modes.sets).isEmpty();
    }

    @Test
    void anEndpointStartedWithoutHostModeControlHasNoHostModeEndpoints() throws Exception {
        Path other = stateDir.resolve("other");
        java.nio.file.Files.createDirectories(other);
        try (AdminServer plain = AdminServer.start(new InetSocketAddress(InetAddress.getByName("127.0.10.1"), 0), other,
                agentThread, () -> AdminServerTest.STATUS, new AdminServerTest.ListJournal(),
                new AdminServerTest.FakeHypervisor())) {
            AdminClient c = new AdminClient(plain.address(), AdminToken.read(other));
            assertThatThrownBy(() -> c.changeHostMode("maintenance", true)).hasMessageContaining("no endpoint");
        }
    }
}
