package io.openfdm.agent.push;

import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.agent.config.ClusterFixtures;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.env.Clock;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.status.AgentStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The push endpoint's authentication and its answers, over real HTTP on 127.0.3.1, with an in-memory agent. */
class PushServerTest {
    private static final byte[] WRONG_KEY = HexFormat.of().parseHex("ff".repeat(32));

    /** An agent that keeps the configuration in memory and records what was applied. */
    static final class MemoryAgent implements PushTarget {
        volatile ClusterConfig current;
        final List<ClusterConfig> applied = new CopyOnWriteArrayList<>();

        MemoryAgent(ClusterConfig initial) {
            current = initial;
        }

        @Override
        public ClusterConfig current() {
            return current;
        }

        @Override
        public Path configDir() {
            return Path.of("/etc/fdm");
        }

        @Override
        public synchronized PushOutcome apply(ClusterConfig next) {
            if (next.version() <= current.version()) {
                return new PushOutcome.NotNewer(next.version(), current.version());
            }
            applied.add(next);
            current = next;
            return new PushOutcome.Applied(next.version());
        }

        @Override
        public AgentStatus status() {
            return new AgentStatus("host-1", "master", "host-1", current.clusterId(), current.version(), 10, Map.of(),
                    List.of(), List.of(), List.of());
        }

        @Override
        public List<JournalEvent> recentEvents(int limit) {
            return List.of(new JournalEvent(1, "host-1", "master", EventKind.ROLE_CHANGED, "became master", "host-1", -1),
                    new JournalEvent(2, "host-1", "master", EventKind.LEASE_ACQUIRED, "lease ds-1", "ds-1", -1))
                    .subList(0, Math.min(limit, 2));
        }
    }

    private final ClusterConfig v1 = ClusterFixtures.cluster(1, "127.0.3.1", 8182, 8183);
    private MemoryAgent agent;
    private PushCounters counters;
    private PushServer server;

    @BeforeEach
    void start() {
        agent = new MemoryAgent(v1);
        counters = new PushCounters();
        server = PushServer.start(new InetSocketAddress("127.0.3.1", 0), agent,
                new RequestAuthenticator(RequestAuthenticator.DEFAULT_FRESHNESS_WINDOW_MS), counters, Clock.system());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PushClient client(byte[] key, Clock clock) {
        return new PushClient(server.address(), key, clock, 3_000);
    }

    private static ClusterConfig version(ClusterConfig c, long v) {
        return new ClusterConfig(c.clusterId(), v, c.keyHex(), c.hosts(), c.datastores(), c.vmOverrides(),
                c.heartbeatDatastoresPerHost(), c.timing());
    }

    private static Clock shifted(long offsetMs) {
        Clock system = Clock.system();
        return new Clock() {
            @Override
            public long monotonicMs() {
                return system.monotonicMs();
            }

            @Override
            public long wallMs() {
                return system.wallMs() + offsetMs;
            }
        };
    }

    @Test
    void aSignedNewerConfigIsApplied() {
        long applied = client(v1.key(), Clock.system()).putConfig(version(v1, 2));
        assertThat(applied).isEqualTo(2);
        assertThat(agent.applied).containsExactly(version(v1, 2));
        assertThat(counters.snapshot()).containsEntry("push.applied", 1L).containsEntry("push.rejected.badSignature", 0L);
    }

    @Test
    void theWrongKeyIsRefusedCountedAndChangesNothing() {
        assertThatThrownBy(() -> client(WRONG_KEY, Clock.system()).putConfig(version(v1, 2)))
                .isInstanceOfSatisfying(PushException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("refused the request's signature");
        assertThat(agent.applied).isEmpty();
        assertThat(counters.snapshot()).containsEntry("push.rejected.badSignature", 1L).containsEntry("push.applied", 0L);
        assertThat(counters.unauthenticated()).isEqualTo(1);
    }

    @Test
    void staleAndFutureTimestampsAreRefused() {
        long window = RequestAuthenticator.DEFAULT_FRESHNESS_WINDOW_MS;
        assertThatThrownBy(() -> client(v1.key(), shifted(-window - 5_000)).putConfig(version(v1, 2)))
                .isInstanceOfSatisfying(PushException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> client(v1.key(), shifted(window + 5_000)).status(5))
                .isInstanceOfSatisfying(PushException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(agent.applied).isEmpty();
        assertThat(counters.snapshot()).containsEntry("push.rejected.stale", 2L);
        // a clock a few seconds off is inside the window
        assertThat(client(v1.key(), shifted(-5_000)).putConfig(version(v1, 2))).isEqualTo(2);
    }

    @Test
    void aReplayedRequestIsRefused() throws Exception {
        byte[] body = ClusterConfigFiles.toJson(version(v1, 2));
        long ts = System.currentTimeMillis();
        String nonce = "0123456789abcdef0123456789abcdef";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.3.1:" + server.address().getPort() + "/cluster-config"))
                .header(PushSignature.TIMESTAMP_HEADER, Long.toString(ts))
                .header(PushSignature.NONCE_HEADER, nonce)
                .header(PushSignature.SIGNATURE_HEADER, PushSignature.request(v1.key(), "PUT", "/cluster-config", ts, nonce, body))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue(PushSignature.SIGNATURE_HEADER)).contains(
                PushSignature.response(v1.key(), 200, nonce, first.body().getBytes(StandardCharsets.UTF_8)));

        agent.current = v1; // even if the version would be accepted again, the replay is not
        HttpResponse<String> replay = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("replayed");
        assertThat(agent.applied).hasSize(1);
        assertThat(counters.snapshot()).containsEntry("push.rejected.replayed", 1L);
    }

    @Test
    void anUnsignedRequestIsRefused() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.3.1:" + server.address().getPort() + "/agent-status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(counters.snapshot()).containsEntry("push.rejected.unsigned", 1L).containsEntry("push.statusRead", 0L);
    }

    @Test
    void aVersionThatIsNotHigherIsRefusedWithTheCurrentVersion() {
        PushClient client = client(v1.key(), Clock.system());
        client.putConfig(version(v1, 5));
        assertThatThrownBy(() -> client.putConfig(version(v1, 4)))
                .isInstanceOfSatisfying(PushException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.currentVersion()).isEqualTo(5);
                })
                .hasMessageContaining("version 4 is not higher than the version in force, 5");
        assertThatThrownBy(() -> client.putConfig(version(v1, 5)))
                .isInstanceOfSatisfying(PushException.class, e -> assertThat(e.currentVersion()).isEqualTo(5));
        assertThat(agent.applied).extracting(ClusterConfig::version).containsExactly(5L);
        assertThat(counters.snapshot()).containsEntry("push.rejected.notNewer", 2L);
    }

    @Test
    void aMalformedOrInvalidBodyIsRefusedNamingTheProblem() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> broken = http.send(signedPut("{\"clusterId\": \"c1\", ".getBytes(StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("pushed configuration").contains("not valid JSON");

        String badPort = new String(ClusterConfigFiles.toJson(version(v1, 2)), StandardCharsets.UTF_8)
                .replace("\"port\" : 8183", "\"port\" : 70000");
        HttpResponse<String> invalid = http.send(signedPut(badPort.getBytes(StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("cluster.hosts[1].port: must be 1-65535, was 70000");
        assertThat(agent.applied).isEmpty();
        assertThat(counters.snapshot()).containsEntry("push.rejected.invalid", 2L);
    }

    @Test
    void statusCarriesTheAgentStatusAndRecentEvents() {
        AgentReport report = client(v1.key(), Clock.system()).status(1);
        assertThat(report.status().role()).isEqualTo("master");
        assertThat(report.status().configVersion()).isEqualTo(1);
        assertThat(report.events()).extracting(JournalEvent::message).containsExactly("became master");
        assertThat(counters.snapshot()).containsEntry("push.statusRead", 1L);
    }

    @Test
    void anAnswerNotSignedWithTheKeyIsNotTrusted() throws Exception {
        // An impostor on the agent's address answers "applied" without knowing the key.
        com.sun.net.httpserver.HttpServer impostor = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress("127.0.3.2", 0), 4);
        impostor.createContext("/", ex -> {
            byte[] body = "{\"version\": 2}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set(PushSignature.SIGNATURE_HEADER,
                    PushSignature.response(WRONG_KEY, 200, ex.getRequestHeaders().getFirst(PushSignature.NONCE_HEADER), body));
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        impostor.start();
        try {
            PushClient client = new PushClient(impostor.getAddress(), v1.key(), Clock.system(), 3_000);
            assertThatThrownBy(() -> client.putConfig(version(v1, 2)))
                    .isInstanceOfSatisfying(PushException.class, e -> assertThat(e.unreachable()).isTrue())
                    .hasMessageContaining("is not signed with the cluster key");
        } finally {
            impostor.stop(0);
        }
    }

    private HttpRequest signedPut(byte[] body) {
        long ts = System.currentTimeMillis();
        String nonce = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(16));
        return HttpRequest.newBuilder(URI.create("http://127.0.3.1:" + server.address().getPort() + "/cluster-config"))
                .header(PushSignature.TIMESTAMP_HEADER, Long.toString(ts))
                .header(PushSignature.NONCE_HEADER, nonce)
                .header(PushSignature.SIGNATURE_HEADER, PushSignature.request(v1.key(), "PUT", "/cluster-config", ts, nonce, body))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
