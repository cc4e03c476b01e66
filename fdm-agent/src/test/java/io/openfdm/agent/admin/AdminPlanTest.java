package io.openfdm.agent.admin;

import io.openfdm.core.model.HostId;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.CapacityStatus;
import io.openfdm.core.status.RestartPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code GET /plan} and the capacity in {@code GET /status}, over HTTP on 127.0.9.1. */
class AdminPlanTest {
    @TempDir
    Path stateDir;

    private final ExecutorService agentThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "agent"));
    private final List<String> planCalls = new ArrayList<>();
    private AdminServer server;

    static final CapacityStatus CAPACITY = new CapacityStatus("slotPolicy", true, 1, 0, false,
            "tolerates 0 of 1 host failure: few slots", 1000, 4096, 4, 4, -2, 20_000, 16_384, 4000, 16_384, -1, -1, 80, 0, 4,
            List.of(new CapacityStatus.HostRoom("host-1", true, false, 10_000, 8192, 2000, 8192, 2, 2),
                    new CapacityStatus.HostRoom("host-2", false, false, 10_000, 8192, 2000, 8192, 2, 0)));

    static final RestartPlan PLAN = new RestartPlan("host-1", List.of("host-2"), List.of("host-2 is already hostDown"),
            List.of(new RestartPlan.Step(1, 1, "vm-1", "web", "high", "host-2", "ds-1", 500, 1024, "powerOn", "host-1", ""),
                    new RestartPlan.Step(2, 0, "vm-2", "db", "low", "host-2", "ds-2", 500, 1024, "none", "",
                            "no surviving host reaches ds-2")),
            CAPACITY);

    private void start(Function<List<HostId>, RestartPlan> planner) {
        AgentStatus status = new AgentStatus("host-1", "master", "host-1", "c1", 1, 5, Map.of(), List.of(), List.of(),
                List.of(), null, CAPACITY);
        server = AdminServer.start(new InetSocketAddress(loopback(), 0), stateDir, agentThread, () -> status,
                new AdminServerTest.ListJournal(), new AdminServerTest.FakeHypervisor(), planner);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.9.1");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        agentThread.shutdownNow();
    }

    private AdminClient client() {
        return new AdminClient(server.address(), AdminToken.read(stateDir));
    }

    private Function<List<HostId>, RestartPlan> master() {
        return failed -> {
            planCalls.add(Thread.currentThread().getName() + " " + failed);
            if (failed.contains(HostId.of("host-9"))) {
                throw new IllegalArgumentException("unknown host host-9 (members: host-1, host-2)");
            }
            return PLAN;
        };
    }

    @Test
    void planRoundTripsAndRunsOnTheAgentThread() {
        start(master());
        assertThat(client().plan(List.of("host-2", "host-3"))).isEqualTo(PLAN);
        assertThat(planCalls).containsExactly("agent [host-2, host-3]");
    }

    @Test
    void statusCarriesTheCapacity() {
        start(master());
        assertThat(client().status().capacity()).isEqualTo(CAPACITY);
    }

    @Test
    void unknownHostIs400AndASlaveIs409WithTheMessage() throws Exception {
        start(master());
        assertThatThrownBy(() -> client().plan(List.of("host-9")))
                .isInstanceOf(AdminClientException.class).hasMessage("unknown host host-9 (members: host-1, host-2)")
                .extracting(e -> ((AdminClientException) e).status()).isEqualTo(400);
        server.close();
        start(failed -> {
            throw new IllegalStateException("host-1 is not the master; ask the master host-3");
        });
        assertThatThrownBy(() -> client().plan(List.of("host-2")))
                .isInstanceOf(AdminClientException.class).hasMessage("host-1 is not the master; ask the master host-3")
                .extracting(e -> ((AdminClientException) e).status()).isEqualTo(409);
    }

    @Test
    void missingFailParameterIs400AndWithoutAPlannerThereIsNoEndpoint() throws Exception {
        start(master());
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.9.1:" + server.address().getPort() + "/plan"))
                .header("Authorization", "Bearer " + AdminToken.read(stateDir)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("fail=HOST");
        assertThat(planCalls).isEmpty();
        server.close();
        start(null);
        assertThatThrownBy(() -> client().plan(List.of("host-2"))).isInstanceOf(AdminClientException.class)
                .extracting(e -> ((AdminClientException) e).status()).isEqualTo(404);
    }
}
