package io.openfdm.agent.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.env.Clock;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.datastore.json.FdmJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's push endpoint: how the vCenter bridge hands it a new cluster configuration and reads
 * its status. HTTP/1.1 on TCP at the agent's own address and port (the host's entry in the cluster
 * configuration; VMware FDM likewise uses TCP and UDP port 8182). Unlike the admin endpoint it is
 * reachable from the network, so every request must be signed under the current cluster key
 * ({@link PushSignature}, checked by {@link RequestAuthenticator}).
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><td>{@code PUT /cluster-config}</td><td>body: a cluster configuration in the format of
 *       {@code cluster.json}. 200 {@code {"version": n}} once persisted and applied; 400 malformed
 *       or invalid (the field and rule); 409 {@code {"currentVersion": n}} when the version is not
 *       higher than the one in force, or the host is not a member; 413 body over
 *       {@link #MAX_BODY_BYTES}</td></tr>
 *   <tr><td>{@code GET /agent-status?events=N}</td><td>200 {@link AgentReport} with the newest N
 *       (1-1000, default 50) events</td></tr>
 * </table>
 * A request that is unsigned, wrongly signed, outside the freshness window or replayed gets 401,
 * is counted in {@link PushCounters}, and changes nothing. Every other answer is signed
 * ({@link PushSignature#response}). A refused configuration leaves the agent protecting with the
 * one it has.
 */
public final class PushServer implements AutoCloseable {
    public static final String CONFIG_PATH = "/cluster-config";
    public static final String STATUS_PATH = "/agent-status";
    /** Largest accepted configuration, bytes (8,000 VMs take about 1 MiB). */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    public static final int DEFAULT_EVENTS = 50;
    public static final int MAX_EVENTS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(PushServer.class);

    private final HttpServer server;
    private final ExecutorService threads;
    private final PushTarget target;
    private final RequestAuthenticator authenticator;
    private final PushCounters counters;
    private final Clock clock;

    private PushServer(HttpServer server, ExecutorService threads, PushTarget target, RequestAuthenticator authenticator,
                       PushCounters counters, Clock clock) {
        this.server = server;
        this.threads = threads;
        this.target = target;
        this.authenticator = authenticator;
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * Binds and starts serving.
     *
     * @param address  the agent's address and TCP port
     * @param counters where refusals and applications are counted
     * @param clock    wall clock for the freshness window
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static PushServer start(InetSocketAddress address, PushTarget target, RequestAuthenticator authenticator,
                                   PushCounters counters, Clock clock) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind push endpoint tcp " + address.getAddress().getHostAddress() + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "push-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        PushServer push = new PushServer(server, threads, target, authenticator, counters, clock);
        server.createContext("/", push::handle);
        server.setExecutor(threads);
        server.start();
        return push;
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                replyUnsigned(ex, 413, Map.of("error", "body larger than " + MAX_BODY_BYTES + " bytes"));
                return;
            }
            ClusterConfig current = target.current();
            String nonce = ex.getRequestHeaders().getFirst(PushSignature.NONCE_HEADER);
            PushVerdict verdict = authenticator.check(current.key(), method, path,
                    ex.getRequestHeaders().getFirst(PushSignature.TIMESTAMP_HEADER), nonce,
                    ex.getRequestHeaders().getFirst(PushSignature.SIGNATURE_HEADER), body, clock.wallMs());
            if (verdict != PushVerdict.OK) {
                counters.refused(verdict);
                LOG.warn("push request {} {} from {} refused: {}", method, path, ex.getRemoteAddress(), verdict.key());
                replyUnsigned(ex, 401, Map.of("error", "request refused: " + verdict.key()
                        + " (sign it with the current cluster key; see PushSignature)"));
                return;
            }
            Signer signer = new Signer(current.key(), nonce);
            if (path.equals(CONFIG_PATH)) {
                if (allow(ex, signer, "PUT")) {
                    putConfig(ex, signer, body);
                }
            } else if (path.equals(STATUS_PATH)) {
                if (allow(ex, signer, "GET")) {
                    status(ex, signer);
                }
            } else {
                signer.reply(ex, 404, error("no endpoint " + method + " " + path));
            }
        } catch (RuntimeException e) {
            LOG.warn("push request {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            replyUnsigned(ex, 500, error("internal error: " + e));
        }
    }

    private void putConfig(HttpExchange ex, Signer signer, byte[] body) throws IOException {
        ClusterConfig next;
        try {
            next = ClusterConfigFiles.parse(body, target.configDir(), "pushed configuration");
        } catch (ConfigException e) {
            counters.invalid();
            signer.reply(ex, 400, error(e.getMessage()));
            return;
        }
        PushOutcome outcome;
        try {
            outcome = target.apply(next);
        } catch (IllegalStateException e) {
            signer.reply(ex, 503, error(e.getMessage()));
            return;
        }
        if (outcome instanceof PushOutcome.Applied a) {
            counters.applied();
            signer.reply(ex, 200, Map.of("version", a.version()));
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (outcome instanceof PushOutcome.NotNewer n) {
            counters.notNewer();
            m.put("error", "version " + n.pushedVersion() + " is not higher than the version in force, " + n.currentVersion());
            m.put("currentVersion", n.currentVersion());
        } else {
            counters.invalid();
            m.put("error", ((PushOutcome.Unusable) outcome).reason());
            m.put("currentVersion", target.current().version());
        }
        signer.reply(ex, 409, m);
    }

    private void status(HttpExchange ex, Signer signer) throws IOException {
        int limit = DEFAULT_EVENTS;
        String query = ex.getRequestURI().getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("events=")) {
                    try {
                        limit = Integer.parseInt(pair.substring("events=".length()));
                    } catch (NumberFormatException e) {
                        limit = -1;
                    }
                }
            }
        }
        if (limit < 1 || limit > MAX_EVENTS) {
            signer.reply(ex, 400, error("events must be 1-" + MAX_EVENTS));
            return;
        }
        AgentReport report;
        try {
            report = new AgentReport(target.status(), target.recentEvents(limit));
        } catch (IllegalStateException e) {
            signer.reply(ex, 503, error(e.getMessage()));
            return;
        }
        counters.statusRead();
        signer.reply(ex, 200, report);
    }

    private boolean allow(HttpExchange ex, Signer signer, String method) throws IOException {
        if (ex.getRequestMethod().equals(method)) {
            return true;
        }
        ex.getResponseHeaders().set("Allow", method);
        signer.reply(ex, 405, error(ex.getRequestURI().getPath() + " takes " + method));
        return false;
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    /** Signs answers to one authenticated request. */
    private record Signer(byte[] key, String nonce) {
        void reply(HttpExchange ex, int code, Object body) throws IOException {
            byte[] bytes = FdmJson.mapper().writeValueAsBytes(body);
            ex.getResponseHeaders().set(PushSignature.SIGNATURE_HEADER, PushSignature.response(key, code, nonce, bytes));
            send(ex, code, bytes);
        }
    }

    private static void replyUnsigned(HttpExchange ex, int code, Object body) throws IOException {
        send(ex, code, FdmJson.mapper().writeValueAsBytes(body));
    }

    private static void send(HttpExchange ex, int code, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
