package io.openfdm.bridge.web;

import com.sun.net.httpserver.HttpServer;
import io.openfdm.bridge.api.BridgeService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bridge's HTTP server: the JSON API ({@link ClusterApi}, under {@code /api/}) and the plugin
 * page ({@link PageFiles}, everything else), on the JDK's {@code com.sun.net.httpserver}.
 *
 * <p>Every request first passes the {@link RequestGuard}: the {@code Host} header must name a
 * loopback address unless remote access was allowed (against DNS rebinding), and a state-changing
 * request ({@code POST}, {@code PUT}) must carry {@code X-FDM-Request} and, when the browser sends an
 * {@code Origin}, come from this server's own origin (against cross-site posts).
 *
 * <p>Threads: at most {@link #HTTP_THREADS} request threads, at most {@link #QUEUED_REQUESTS}
 * requests waiting for one; beyond that the server closes the connection unanswered. The {@link BridgeService} is called
 * on these threads and must not block for long (its own vCenter timeouts bound it).
 *
 * <pre>
 * try (WebServer web = new WebServer(service, new InetSocketAddress("127.0.0.1", WebServer.DEFAULT_PORT))) {
 *     web.start();
 *     System.out.println("plugin page at http://" + web.address().getHostString() + ":" + web.address().getPort() + "/");
 * }
 * </pre>
 */
public final class WebServer implements AutoCloseable {
    /** The bridge's default listen port ({@code fdm bridge --listen}, {@code fdm bridge status --bridge}). */
    public static final int DEFAULT_PORT = 8480;
    /** Request threads; the API's calls are short reads of the bridge's state or one vCenter task. */
    public static final int HTTP_THREADS = 4;
    /** Requests accepted while every request thread is busy; the connections of more are closed. */
    public static final int QUEUED_REQUESTS = 64;
    /** TCP accept backlog. */
    private static final int BACKLOG = 32;

    private final BridgeService service;
    private final InetSocketAddress listen;
    private final boolean allowRemote;
    private HttpServer server;
    private ExecutorService threads;

    /**
     * A server for {@code service} on a loopback address.
     *
     * @param service what the API serves
     * @param listen  a loopback address and TCP port; port 0 picks a free port ({@link #address()})
     * @throws IllegalArgumentException if {@code listen} is not a loopback address
     */
    public WebServer(BridgeService service, InetSocketAddress listen) {
        this(service, listen, false);
    }

    /**
     * A server for {@code service}, on any address when {@code allowRemote} is true
     * ({@code fdm bridge --listen 0.0.0.0:8480 --allow-remote}). The API has no login: allow remote
     * access only on a trusted management network.
     *
     * @param allowRemote accept a non-loopback {@code listen} address and any {@code Host} header
     * @throws IllegalArgumentException if {@code listen} is unresolved, or not loopback while
     *                                  {@code allowRemote} is false
     */
    public WebServer(BridgeService service, InetSocketAddress listen, boolean allowRemote) {
        this.service = Objects.requireNonNull(service, "service");
        Objects.requireNonNull(listen, "listen");
        if (listen.getAddress() == null) {
            throw new IllegalArgumentException("listen: cannot resolve " + listen.getHostString());
        }
        if (!allowRemote && !listen.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("listen: " + listen.getAddress().getHostAddress()
                    + " is not a loopback address; the bridge serves loopback only unless remote access is allowed");
        }
        this.listen = listen;
        this.allowRemote = allowRemote;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalStateException if already started (or closed)
     * @throws UncheckedIOException  if the address cannot be bound (in use, not a local address)
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("web server already started on " + server.getAddress());
        }
        HttpServer http;
        try {
            http = HttpServer.create(listen, BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + listen.getAddress().getHostAddress() + ":"
                    + listen.getPort() + ": " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS), r -> {
            Thread t = new Thread(r, "bridge-web-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        RequestGuard guard = new RequestGuard(allowRemote);
        ClusterApi api = new ClusterApi(service);
        PageFiles page = new PageFiles();
        http.createContext("/", exchange -> Dispatch.handle(exchange, guard, api, page));
        http.setExecutor(pool);
        http.start();
        this.server = http;
        this.threads = pool;
    }

    /**
     * The bound address, with the real port when port 0 was asked for.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized InetSocketAddress address() {
        if (server == null) {
            throw new IllegalStateException("web server not started");
        }
        return server.getAddress();
    }

    /** Stops listening and stops the request threads; requests in flight are cut off. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null && threads != null) {
            server.stop(0);
            threads.shutdownNow();
            threads = null;
        }
    }
}
