package io.openfdm.agent.admin;

import io.openfdm.core.journal.EventJournal;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.DatastoreStatus;
import io.openfdm.core.status.HostStatus;
import io.openfdm.core.status.VmStatus;
import io.openfdm.hostd.Hypervisor;
import io.openfdm.hostd.HypervisorException;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminServerTest {
    @TempDir
    Path stateDir;

    private final ExecutorService agentThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "agent"));
    private final List<String> statusThreads = new ArrayList<>();
    private final ListJournal journal = new ListJournal();
    private final FakeHypervisor hypervisor = new FakeHypervisor();
    private AdminServer server;

    static final AgentStatus STATUS = new AgentStatus("host-1", "master", "host-1", "c1", 3, 12_345,
            Map.of("received", 10L, "dropped.replayed", 2L),
            List.of(new HostStatus("host-2", "127.0.0.12", "connectedToMaster", 120, List.of("ds-1"), 2)),
            List.of(new DatastoreStatus("ds-1", true, "host-1", 4, true, 7)),
            List.of(new VmStatus("vm-3", "db", "host-2", "poweredOn", true, "high", "ds-1", "none", 0)),
            new io.openfdm.core.config.HaPolicy(false, io.openfdm.core.config.IsolationResponse.POWER_OFF, true));

    @BeforeEach
    void start() throws Exception {
        server = AdminServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), stateDir, agentThread, () -> {
            statusThreads.add(Thread.currentThread().getName());
            return STATUS;
        }, journal, hypervisor);
    }

    @AfterEach
    void stop() {
        server.close();
        agentThread.shutdownNow();
    }

    private AdminClient client() {
        return new AdminClient(server.address(), AdminToken.read(stateDir));
    }

    private HttpResponse<String> raw(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tokenFileIsMode0600AndHex() throws Exception {
        Path token = AdminToken.file(stateDir);
        assertThat(Files.getPosixFilePermissions(token))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(AdminToken.read(stateDir)).matches("[0-9a-f]{64}");
        assertThat(stateDir.resolve("admin.token.tmp")).doesNotExist();
    }

    @Test
    void requestsWithoutTheRightTokenGet401() throws Exception {
        for (String auth : new String[]{null, "Bearer nope", "Basic " + AdminToken.read(stateDir), AdminToken.read(stateDir)}) {
            HttpResponse<String> r = raw("GET", "/status", auth);
            assertThat(r.statusCode()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(r.body()).contains("\"error\"");
        }
        assertThat(raw("POST", "/vms/vm-1/power-off", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(hypervisor.vm(VmId.of("vm-1")).orElseThrow().poweredOn()).as("no side effect").isTrue();
        assertThat(statusThreads).isEmpty();
        assertThatThrownBy(() -> new AdminClient(server.address(), "0".repeat(64)).status())
                .isInstanceOf(AdminClientException.class)
                .hasMessageContaining("token rejected");
    }

    @Test
    void statusRoundTripsThroughTheClientOnTheAgentThread() {
        assertThat(client().status()).isEqualTo(STATUS);
        assertThat(statusThreads).containsExactly("agent");
    }

    @Test
    void statusTimesOutWith503WhenTheAgentThreadIsStuck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        agentThread.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            long start = System.nanoTime();
            HttpResponse<String> r = raw("GET", "/status", "Bearer " + AdminToken.read(stateDir));
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(1_900L, 2_900L);
        } finally {
            release.countDown();
        }
    }

    @Test
    void eventsHonourTheLimit() throws Exception {
        for (int i = 0; i < 150; i++) {
            journal.record(new JournalEvent(i, "host-1", "master", EventKind.HOST_STATE_CHANGED, "e" + i, "host-2", -1));
        }
        assertThat(client().events(5)).extracting(JournalEvent::message).containsExactly("e145", "e146", "e147", "e148", "e149");
        assertThat(client().events(5).get(0)).isEqualTo(journal.events.get(145));
        assertThat(raw("GET", "/events", "Bearer " + AdminToken.read(stateDir)).body()).contains("e50").doesNotContain("\"e49\"");
        assertThatThrownBy(() -> client().events(10_001)).isInstanceOf(AdminClientException.class).hasMessageContaining("1-10000");
        assertThat(raw("GET", "/events?limit=x", "Bearer " + AdminToken.read(stateDir)).statusCode()).isEqualTo(400);
    }

    @Test
    void powerOnAndOffRunOnTheAgentThread() {
        VmInfo off = client().powerOff("vm-1");
        assertThat(off.power()).isEqualTo(PowerState.POWERED_OFF);
        assertThat(client().powerOn("vm-1").power()).isEqualTo(PowerState.POWERED_ON);
        assertThat(hypervisor.threads).containsOnly("agent").hasSize(2);
    }

    @Test
    void unknownVmIs404AndRefusalIs409() {
        assertThatThrownBy(() -> client().powerOn("vm-9"))
                .isInstanceOf(AdminClientException.class)
                .hasMessageContaining("unknown VM vm-9")
                .extracting(e -> ((AdminClientException) e).status()).isEqualTo(404);
        assertThatThrownBy(() -> client().powerOn("vm-locked"))
                .isInstanceOf(AdminClientException.class)
                .hasMessage("vm-locked: file lock held by another host")
                .extracting(e -> ((AdminClientException) e).status()).isEqualTo(409);
    }

    @Test
    void wrongMethodAndUnknownPath() throws Exception {
        String auth = "Bearer " + AdminToken.read(stateDir);
        assertThat(raw("POST", "/status", auth).statusCode()).isEqualTo(405);
        assertThat(raw("GET", "/vms/vm-1/power-on", auth).statusCode()).isEqualTo(405);
        assertThat(raw("GET", "/nothing", auth).statusCode()).isEqualTo(404);
    }

    @Test
    void clientReportsAnAgentThatIsNotRunning() {
        server.close();
        assertThatThrownBy(() -> client().status())
                .isInstanceOf(AdminClientException.class)
                .hasMessageContaining("agent at 127.0.0.1:" + server.address().getPort() + " not answering");
    }

    @Test
    void nonLoopbackBindIsRefused() throws Exception {
        assertThatThrownBy(() -> AdminServer.start(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0), stateDir,
                agentThread, () -> STATUS, journal, hypervisor))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingTokenFileIsAClearClientError() {
        assertThatThrownBy(() -> AdminToken.read(stateDir.resolve("elsewhere")))
                .isInstanceOf(AdminClientException.class)
                .hasMessageContaining("no admin token at");
    }

    static final class ListJournal implements EventJournal {
        final List<JournalEvent> events = new ArrayList<>();

        @Override
        public synchronized void record(JournalEvent event) {
            events.add(event);
        }

        @Override
        public synchronized List<JournalEvent> recent(int limit) {
            return List.copyOf(events.subList(Math.max(0, events.size() - limit), events.size()));
        }
    }

    /** Two VMs: vm-1 (powered on) and vm-locked (refuses to power on). Records calling threads. */
    static final class FakeHypervisor implements Hypervisor {
        final Map<VmId, VmInfo> vms = new LinkedHashMap<>();
        final List<String> threads = new ArrayList<>();

        FakeHypervisor() {
            for (String id : List.of("vm-1", "vm-locked")) {
                vms.put(VmId.of(id), new VmInfo(VmId.of(id), id, "ds-1", id.equals("vm-1") ? PowerState.POWERED_ON : PowerState.POWERED_OFF,
                        0, 0, RestartPriority.MEDIUM));
            }
        }

        @Override
        public List<VmInfo> listVms() {
            return List.copyOf(vms.values());
        }

        @Override
        public Optional<VmInfo> vm(VmId id) {
            return Optional.ofNullable(vms.get(id));
        }

        @Override
        public VmInfo register(String datastore, VmId id) {
            throw new HypervisorException(id, "not supported");
        }

        @Override
        public void powerOn(VmId id) {
            threads.add(Thread.currentThread().getName());
            if (id.moid().equals("vm-locked")) {
                throw new HypervisorException(id, "file lock held by another host");
            }
            vms.computeIfPresent(id, (k, v) -> v.withPower(PowerState.POWERED_ON));
        }

        @Override
        public void powerOff(VmId id) {
            threads.add(Thread.currentThread().getName());
            vms.computeIfPresent(id, (k, v) -> v.withPower(PowerState.POWERED_OFF));
        }

        @Override
        public void shutdownGuest(VmId id) {
            powerOff(id); // the guest shuts down at once
        }
    }
}
