package io.openfdm.agent.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.openfdm.agent.maintenance.HostModeRequest;
import io.openfdm.core.journal.EventJournal;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.RestartPlan;
import io.openfdm.datastore.json.FdmJson;
import io.openfdm.hostd.Hypervisor;
import io.openfdm.hostd.HypervisorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's admin endpoint: HTTP/1.1 with JSON bodies (FdmJson), on a loopback address only,
 * every request authenticated with {@code Authorization: Bearer <token>} (see {@link AdminToken}).
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><td>{@code GET /status}</td><td>200 {@link AgentStatus}</td></tr>
 *   <tr><td>{@code GET /events?limit=N}</td><td>200 list of {@code JournalEvent}, oldest first; N is
 *       1-10000, default 100</td></tr>
 *   <tr><td>{@code POST /vms/{moid}/power-on}</td><td>200 the {@code VmInfo} after the call; 404
 *       unknown VM; 409 the hypervisor refused (its message)</td></tr>
 *   <tr><td>{@code POST /vms/{moid}/power-off}</td><td>likewise</td></tr>
 *   <tr><td>{@code GET /host/mode}</td><td>200 {@link HostModeAnswer} (changed false)</td></tr>
 *   <tr><td>{@code POST /host/maintenance/enter}, {@code .../exit}, {@code /host/standby/enter},
 *       {@code .../exit}</td><td>200 {@link HostModeAnswer}; 409 not allowed from the current mode
 *       ({@link HostModeRequest}); 404 when the agent was started without host mode control</td></tr>
 *   <tr><td>{@code GET /plan?fail=host-3,host-5}</td><td>200 {@link RestartPlan}: what the master
 *       would do if those hosts failed now; 400 no or unknown host; 409 this agent is not the
 *       master (the message names it)</td></tr>
 * </table>
 * Errors are {@code {"error": "..."}}: 400 bad request, 401 missing or wrong token, 404 no such
 * endpoint or VM, 405 wrong method, 503 the agent thread did not answer within
 * {@link #AGENT_TIMEOUT_MS} or is shutting down.
 *
 * <p>The status supplier and the hypervisor calls run on the agent's thread (through the executor
 * given at start), never on the HTTP threads, because the agent's state is single-threaded; a power
 * change here is a user's action, as from vCenter, and the agent sees it at its next inventory
 * check. The journal is read on the HTTP thread (it is thread-safe).
 */
public final class AdminServer implements AutoCloseable {
    /** Longest an admin request waits for the agent thread, in milliseconds. */
    public static final long AGENT_TIMEOUT_MS = 2_000;
    public static final int DEFAULT_EVENTS = 100;
    public static final int MAX_EVENTS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final Pattern VM_ACTION = Pattern.compile("/vms/([^/]+)/(power-on|power-off)");
    private static final Pattern HOST_MODE = Pattern.compile("/host/(maintenance|standby)/(enter|exit)");

    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final byte[] expectedAuthorization;
    private final Executor agentThread;
    private final Supplier<AgentStatus> status;
    private final EventJournal journal;
    private final Hypervisor hypervisor;
    /** Null when the agent did not give one: the host mode endpoints answer 404. */
    private final HostModeControl hostModes;
    /** {@code fdm plan}; null when this endpoint does not serve it (404). */
    private final Function<List<HostId>, RestartPlan> planner;

    private AdminServer(HttpServer server, ExecutorService httpThreads, String token, Executor agentThread,
                        Supplier<AgentStatus> status, EventJournal journal, Hypervisor hypervisor,
                        HostModeControl hostModes, Function<List<HostId>, RestartPlan> planner) {
        this.server = server;
        this.httpThreads = httpThreads;
        this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.US_ASCII);
        this.agentThread = agentThread;
        this.status = status;
        this.journal = journal;
        this.hypervisor = hypervisor;
        this.hostModes = hostModes;
        this.planner = planner;
    }

    /**
     * Writes a fresh token to {@code <stateDir>/admin.token} (mode 0600) and starts serving.
     *
     * @param address     a loopback address and TCP port (port 0 picks a free one, for tests)
     * @param stateDir    the agent's state directory
     * @param agentThread runs work on the agent's thread (the agent's single-threaded executor)
     * @param status      the agent's status; called on the agent thread
     * @param journal     the agent's event journal
     * @param hypervisor  this host's hypervisor; called on the agent thread
     * @throws IllegalArgumentException if {@code address} is not loopback
     * @throws UncheckedIOException     if the token cannot be written or the port cannot be bound
     */
    public static AdminServer start(InetSocketAddress address, Path stateDir, Executor agentThread,
                                    Supplier<AgentStatus> status, EventJournal journal, Hypervisor hypervisor) {
        return start(address, stateDir, agentThread, status, journal, hypervisor, null, null);
    }

    /**
     * As {@link #start(InetSocketAddress, Path, Executor, Supplier, EventJournal, Hypervisor)}, with
     * the host mode endpoints.
     *
     * @param hostModes reads and sets the host's maintenance or standby mode; called through
     *                  {@code agentThread}
     */
    public static AdminServer start(InetSocketAddress address, Path stateDir, Executor agentThread,
                                    Supplier<AgentStatus> status, EventJournal journal, Hypervisor hypervisor,
                                    HostModeControl hostModes) {
        return start(address, stateDir, agentThread, status, journal, hypervisor, hostModes, null);
    }

    /**
     * As {@link #start(InetSocketAddress, Path, Executor, Supplier, EventJournal, Hypervisor)}, also
     * serving {@code GET /plan}.
     *
     * @param planner the master's plan for the failed hosts; called through {@code agentThread};
     *                throws IllegalStateException when this agent is not the master (409) and
     *                IllegalArgumentException for an unknown host (400)
     */
    public static AdminServer start(InetSocketAddress address, Path stateDir, Executor agentThread,
                                    Supplier<AgentStatus> status, EventJournal journal, Hypervisor hypervisor,
                                    Function<List<HostId>, RestartPlan> planner) {
        return start(address, stateDir, agentThread, status, journal, hypervisor, null, planner);
    }

    /**
     * As {@link #start(InetSocketAddress, Path, Executor, Supplier, EventJournal, Hypervisor)}, with
     * the host mode endpoints and {@code GET /plan}; either may be null (its endpoints answer 404).
     */
    public static AdminServer start(InetSocketAddress address, Path stateDir, Executor agentThread,
                                    Supplier<AgentStatus> status, EventJournal journal, Hypervisor hypervisor,
                                    HostModeControl hostModes, Function<List<HostId>, RestartPlan> planner) {
        if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("admin endpoint must bind a loopback address, not " + address);
        }
        String token = AdminToken.create(stateDir);
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind admin endpoint " + address.getAddress().getHostAddress() + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "admin-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AdminServer admin = new AdminServer(server, threads, token, agentThread, status, journal, hypervisor, hostModes,
                planner);
        server.createContext("/", admin::handle);
        server.setExecutor(threads);
        server.start();
        return admin;
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops accepting requests and stops the HTTP threads; requests in flight are cut off. */
    @Override
    public void close() {
        server.stop(0);
        httpThreads.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!authorized(ex)) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                reply(ex, 401, error("missing or wrong bearer token (see " + AdminToken.FILE_NAME + " in the agent's state directory)"));
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            Matcher vm = VM_ACTION.matcher(path);
            Matcher mode = HOST_MODE.matcher(path);
            if (hostModes != null && path.equals("/host/mode")) {
                if (allow(ex, "GET")) {
                    onAgentThread(ex, () -> new HostModeAnswer(hostModes.host(), hostModes.current().displayName(), false),
                            a -> reply(ex, 200, a));
                }
            } else if (hostModes != null && mode.matches()) {
                if (allow(ex, "POST")) {
                    hostMode(ex, new HostModeRequest(mode.group(1).equals("maintenance") ? HostMode.MAINTENANCE
                            : HostMode.STANDBY, mode.group(2).equals("enter")));
                }
            } else if (path.equals("/status")) {
                if (allow(ex, "GET")) {
                    onAgentThread(ex, status, s -> reply(ex, 200, s));
                }
            } else if (path.equals("/events")) {
                if (allow(ex, "GET")) {
                    events(ex);
                }
            } else if (path.equals("/plan") && planner != null) {
                if (allow(ex, "GET")) {
                    plan(ex);
                }
            } else if (vm.matches()) {
                if (allow(ex, "POST")) {
                    power(ex, VmId.of(vm.group(1)), vm.group(2).equals("power-on"));
                }
            } else {
                reply(ex, 404, error("no endpoint " + method + " " + path));
            }
        } catch (RuntimeException e) {
            LOG.warn("admin request {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            reply(ex, 500, error("internal error: " + e));
        }
    }

    private boolean authorized(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        return header != null && MessageDigest.isEqual(expectedAuthorization, header.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private boolean allow(HttpExchange ex, String method) throws IOException {
        if (ex.getRequestMethod().equals(method)) {
            return true;
        }
        ex.getResponseHeaders().set("Allow", method);
        reply(ex, 405, error(ex.getRequestURI().getPath() + " takes " + method));
        return false;
    }

    private void events(HttpExchange ex) throws IOException {
        int limit = DEFAULT_EVENTS;
        String query = ex.getRequestURI().getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("limit=")) {
                    try {
                        limit = Integer.parseInt(pair.substring("limit=".length()));
                    } catch (NumberFormatException e) {
                        limit = -1;
                    }
                }
            }
        }
        if (limit < 1 || limit > MAX_EVENTS) {
            reply(ex, 400, error("limit must be 1-" + MAX_EVENTS));
            return;
        }
        reply(ex, 200, journal.recent(limit));
    }

    /** {@code GET /plan?fail=host-3,host-5}. */
    private void plan(HttpExchange ex) throws IOException {
        List<HostId> failed = new ArrayList<>();
        String query = ex.getRequestURI().getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("fail=")) {
                    for (String moid : pair.substring("fail=".length()).split(",")) {
                        if (!moid.isBlank()) {
                            failed.add(HostId.of(moid.trim()));
                        }
                    }
                }
            }
        }
        if (failed.isEmpty()) {
            reply(ex, 400, error("fail=HOST[,HOST...] is required: the hosts to assume failed"));
            return;
        }
        onAgentThread(ex, () -> planner.apply(failed), p -> reply(ex, 200, p));
    }

    private void power(HttpExchange ex, VmId vm, boolean on) throws IOException {
        onAgentThread(ex, () -> {
            if (hypervisor.vm(vm).isEmpty()) {
                return Optional.<VmInfo>empty();
            }
            if (on) {
                hypervisor.powerOn(vm);
            } else {
                hypervisor.powerOff(vm);
            }
            return hypervisor.vm(vm);
        }, result -> {
            if (result.isEmpty()) {
                reply(ex, 404, error("unknown VM " + vm + " (not registered on this host)"));
            } else {
                reply(ex, 200, result.get());
            }
        });
    }

    private void hostMode(HttpExchange ex, HostModeRequest request) throws IOException {
        onAgentThread(ex, () -> {
            HostModeRequest.Outcome outcome = request.judge(hostModes.current());
            if (outcome instanceof HostModeRequest.Change c) {
                boolean changed = hostModes.set(c.target());
                return (Object) new HostModeAnswer(hostModes.host(), hostModes.current().displayName(), changed);
            }
            if (outcome instanceof HostModeRequest.Unchanged u) {
                return new HostModeAnswer(hostModes.host(), u.current().displayName(), false);
            }
            return outcome;
        }, answer -> {
            if (answer instanceof HostModeRequest.Refused r) {
                reply(ex, 409, error(request.text() + " refused: " + r.reason()));
            } else {
                reply(ex, 200, answer);
            }
        });
    }

    @FunctionalInterface
    private interface Reply<T> {
        void send(T value) throws IOException;
    }

    /** Runs {@code work} on the agent thread, waits up to {@link #AGENT_TIMEOUT_MS}, and replies. */
    private <T> void onAgentThread(HttpExchange ex, Supplier<T> work, Reply<T> onSuccess) throws IOException {
        T value;
        try {
            value = CompletableFuture.supplyAsync(work, agentThread).get(AGENT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            reply(ex, 503, error("agent is shutting down"));
            return;
        } catch (TimeoutException e) {
            reply(ex, 503, error("agent thread did not answer within " + AGENT_TIMEOUT_MS + " ms (the request may still complete)"));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(ex, 503, error("interrupted"));
            return;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HypervisorException || cause instanceof IllegalStateException) {
                reply(ex, 409, error(cause.getMessage()));
            } else if (cause instanceof IllegalArgumentException) {
                reply(ex, 400, error(cause.getMessage()));
            } else if (cause instanceof RejectedExecutionException) {
                reply(ex, 503, error("agent is shutting down"));
            } else {
                LOG.warn("admin request {} failed on the agent thread", ex.getRequestURI(), cause);
                reply(ex, 500, error("agent failed: " + cause));
            }
            return;
        }
        onSuccess.send(value);
    }

    private static Map<String, String> error(String message) {
        return Map.of("error", message);
    }

    private static void reply(HttpExchange ex, int code, Object body) throws IOException {
        byte[] bytes = FdmJson.mapper().writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
