package io.openfdm.hostd.vsphere;

import io.openfdm.vsphere.VsphereClient;
import io.openfdm.vsphere.VsphereEndpoint;
import io.openfdm.vsphere.VsphereException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Holds the connection to vCenter (or ESXi) and makes it again after failures, with backoff.
 *
 * <p>Until a login succeeds, {@link #client()} tries to connect at most once per backoff period:
 * {@value #FIRST_RETRY_MS} ms after the first failure, doubling up to {@value #MAX_RETRY_MS} ms; in
 * between it fails at once with the last error, so callers (the agent's inventory poll, power-ons)
 * never queue up behind an unreachable server. Once connected, the client stays: a server that
 * restarts or forgets the session is logged in to again by the client itself
 * ({@code NotAuthenticated}), and a server that is briefly unreachable fails single calls only.
 *
 * <p>Thread-safe; a connection attempt holds the lock for at most the endpoint's connect + read timeout.
 */
public final class VsphereConnector implements AutoCloseable {
    /** First retry after a failed connection, milliseconds. */
    public static final long FIRST_RETRY_MS = 1_000;
    /** Longest pause between connection attempts, milliseconds. */
    public static final long MAX_RETRY_MS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(VsphereConnector.class);

    private final VsphereEndpoint endpoint;
    private final LongSupplier monotonicMs;
    private VsphereClient client;
    private VsphereException lastFailure;
    private long backoffMs;
    private long nextAttemptMs;
    private boolean closed;

    /** @param monotonicMs a monotonic clock in milliseconds (tests pass their own) */
    public VsphereConnector(VsphereEndpoint endpoint, LongSupplier monotonicMs) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.monotonicMs = Objects.requireNonNull(monotonicMs, "monotonicMs");
    }

    public VsphereConnector(VsphereEndpoint endpoint) {
        this(endpoint, () -> System.nanoTime() / 1_000_000L);
    }

    public VsphereEndpoint endpoint() {
        return endpoint;
    }

    /**
     * The connected client, connecting first if needed.
     *
     * @throws VsphereException the connection failure ({@code AUTHENTICATION}, {@code UNREACHABLE},
     *                          {@code TIMEOUT}); within the backoff period the last one again, with
     *                          "next attempt in N ms" in its message
     */
    public synchronized VsphereClient client() {
        if (closed) {
            throw new VsphereException(VsphereException.Kind.UNREACHABLE, "", "connector closed", null);
        }
        if (client != null) {
            return client;
        }
        long now = monotonicMs.getAsLong();
        if (lastFailure != null && now < nextAttemptMs) {
            throw new VsphereException(lastFailure.kind(), lastFailure.faultName(), "not connected to " + endpoint.url()
                    + " (next attempt " + backoffMs + " ms after the last): " + lastFailure.getMessage(), lastFailure);
        }
        try {
            client = VsphereClient.connect(endpoint);
            if (lastFailure != null) {
                LOG.info("connected to {} after {}", endpoint.url(), lastFailure.getMessage());
            }
            lastFailure = null;
            backoffMs = 0;
            return client;
        } catch (VsphereException e) {
            backoffMs = backoffMs == 0 ? FIRST_RETRY_MS : Math.min(backoffMs * 2, MAX_RETRY_MS);
            nextAttemptMs = now + backoffMs;
            if (lastFailure == null || !lastFailure.getMessage().equals(e.getMessage())) {
                LOG.warn("cannot connect to {} ({}); retrying every {} ms at most", endpoint.url(), e.getMessage(),
                        MAX_RETRY_MS);
            }
            lastFailure = e;
            throw e;
        }
    }

    /** True once a login has succeeded. */
    public synchronized boolean connected() {
        return client != null;
    }

    /** Logs out. */
    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
