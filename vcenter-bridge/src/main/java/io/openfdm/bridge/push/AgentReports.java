package io.openfdm.bridge.push;

import io.openfdm.agent.push.AgentReport;
import io.openfdm.agent.push.PushClient;
import io.openfdm.agent.push.PushException;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.env.Clock;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads {@code GET /agent-status} from every agent of a cluster at once; each read gives up after
 * its timeout, so a dead agent costs one timeout, not one per agent.
 */
public final class AgentReports implements AutoCloseable {
    /** One agent's answer, or why there is none. */
    public record Result(String host, AgentReport report, String error) {
        public boolean ok() {
            return report != null;
        }
    }

    private final Clock clock;
    private final long timeoutMs;
    private final ExecutorService threads;

    public AgentReports(Clock clock, long timeoutMs) {
        this.clock = clock;
        this.timeoutMs = timeoutMs;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bridge-status-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param events how many recent events to ask each agent for (1-1000)
     * @return one result per host of the configuration, in its order
     */
    public List<Result> read(ClusterConfig config, int events) {
        Map<String, CompletableFuture<Result>> calls = new LinkedHashMap<>();
        for (HostSpec h : config.hosts()) {
            String host = h.id().moid();
            calls.put(host, CompletableFuture.supplyAsync(() -> {
                try {
                    PushClient client = new PushClient(new InetSocketAddress(h.address(), h.port()), config.key(), clock, timeoutMs);
                    return new Result(host, client.status(events), "");
                } catch (PushException e) {
                    return new Result(host, null, e.getMessage());
                }
            }, threads));
        }
        return calls.values().stream().map(CompletableFuture::join).toList();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
