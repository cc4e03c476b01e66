package io.openfdm.bridge.push;

import io.openfdm.agent.push.PushClient;
import io.openfdm.agent.push.PushException;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.env.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers each cluster's latest configuration to every agent in it, in the background.
 *
 * <p>{@link #push} returns at once; one attempt per agent starts immediately, on a small thread
 * pool. An agent that does not answer, or refuses the signature (it may still run an older
 * configuration with another key), is retried with {@link Backoff} until it confirms the version
 * or a newer one replaces it; a dead agent never delays the others or the caller. An agent that
 * answers 409 already has this version or a newer one, which counts as delivered. An agent that
 * calls the configuration invalid (400) or unusable is not retried until the next version: the
 * same bytes would be refused again; the refusal shows in {@link #states}.
 */
public final class ConfigPusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigPusher.class);

    private final Clock clock;
    private final long timeoutMs;
    private final Backoff backoff;
    private final ScheduledExecutorService threads;
    /** cluster MOID -> host MOID -> delivery. */
    private final Map<String, Map<String, Delivery>> clusters = new ConcurrentHashMap<>();

    /**
     * @param timeoutMs connect and answer timeout per attempt, milliseconds
     * @param threads   attempts in flight at once
     */
    public ConfigPusher(Clock clock, long timeoutMs, Backoff backoff, int threads) {
        this.clock = clock;
        this.timeoutMs = timeoutMs;
        this.backoff = backoff;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "bridge-push-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Makes {@code config} the configuration every agent of the cluster should have, and starts
     * delivering it. Agents no longer in the configuration are forgotten.
     */
    public void push(String clusterMoid, ClusterConfig config) {
        Map<String, Delivery> hosts = clusters.computeIfAbsent(clusterMoid, k -> new ConcurrentHashMap<>());
        hosts.keySet().retainAll(config.hosts().stream().map(h -> h.id().moid()).toList());
        for (HostSpec h : config.hosts()) {
            hosts.compute(h.id().moid(), (moid, old) -> {
                Delivery d = old != null && old.address.equals(new InetSocketAddress(h.address(), h.port())) ? old
                        : new Delivery(moid, new InetSocketAddress(h.address(), h.port()));
                if (old != null && d != old) {
                    old.cancel();
                }
                d.want(config);
                return d;
            });
        }
    }

    /** Delivery state of each agent of the cluster, by host MOID; empty if nothing was pushed. */
    public List<AgentPushState> states(String clusterMoid) {
        return clusters.getOrDefault(clusterMoid, Map.of()).values().stream().map(Delivery::state)
                .sorted(Comparator.comparing(AgentPushState::host)).toList();
    }

    /** True once every agent of the cluster confirmed the latest version pushed. */
    public boolean delivered(String clusterMoid) {
        return states(clusterMoid).stream().allMatch(AgentPushState::upToDate);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** One agent's delivery; its fields are guarded by {@code this}. */
    private final class Delivery {
        final String host;
        final InetSocketAddress address;
        ClusterConfig wanted;
        long acked;
        int failures;
        String lastError = "";
        ScheduledFuture<?> next;
        boolean running;

        Delivery(String host, InetSocketAddress address) {
            this.host = host;
            this.address = address;
        }

        synchronized void want(ClusterConfig config) {
            if (wanted != null && config.version() <= wanted.version()) {
                return;
            }
            wanted = config;
            failures = 0;
            if (!running) {
                schedule(0);
            }
        }

        synchronized void cancel() {
            if (next != null) {
                next.cancel(false);
            }
            wanted = null;
        }

        synchronized AgentPushState state() {
            return new AgentPushState(host, address.getAddress().getHostAddress() + ":" + address.getPort(),
                    wanted == null ? 0 : wanted.version(), acked, failures, lastError);
        }

        private void schedule(long delayMs) {
            if (next != null) {
                next.cancel(false);
            }
            try {
                next = threads.schedule(this::attempt, delayMs, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }

        private void attempt() {
            ClusterConfig config;
            synchronized (this) {
                config = wanted;
                if (config == null || acked >= config.version()) {
                    return;
                }
                running = true;
            }
            String error = null;
            boolean retry = false;
            long confirmed = -1;
            try {
                confirmed = new PushClient(address, config.key(), clock, timeoutMs).putConfig(config);
            } catch (PushException e) {
                if (e.status() == 409 && e.currentVersion() >= config.version()) {
                    confirmed = e.currentVersion();
                } else {
                    error = e.getMessage();
                    retry = e.unreachable() || e.status() == 401;
                }
            } catch (RuntimeException e) {
                error = "push to " + address + " failed: " + e;
                retry = true;
            }
            synchronized (this) {
                running = false;
                if (confirmed >= 0) {
                    acked = Math.max(acked, confirmed);
                    failures = 0;
                    lastError = "";
                    LOG.info("agent {} ({}) has configuration version {}", host, address, confirmed);
                } else {
                    failures++;
                    lastError = error;
                    if (failures == 1 || failures % 10 == 0) {
                        LOG.warn("push of version {} to agent {} failed ({} in a row): {}", config.version(), host, failures, error);
                    }
                }
                if (wanted != null && wanted != config) {
                    schedule(0); // a newer version arrived meanwhile
                } else if (confirmed < 0 && retry) {
                    schedule(backoff.delayMs(failures));
                }
            }
        }
    }

    /** For tests and status: every cluster with its deliveries. */
    Map<String, List<AgentPushState>> snapshot() {
        Map<String, List<AgentPushState>> out = new HashMap<>();
        clusters.keySet().forEach(c -> out.put(c, states(c)));
        return out;
    }
}
