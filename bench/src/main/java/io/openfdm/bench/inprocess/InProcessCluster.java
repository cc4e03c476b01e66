package io.openfdm.bench.inprocess;

import io.openfdm.agent.admin.AdminClient;
import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.agent.runtime.AgentRuntime;
import io.openfdm.cli.cluster.AddressCheck;
import io.openfdm.cli.cluster.ClusterLayout;
import io.openfdm.cli.cluster.LayoutPlan;
import io.openfdm.cli.cluster.LayoutSpec;
import io.openfdm.cli.cluster.LocalClusterDir;
import io.openfdm.cli.cluster.LocalHost;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.env.Transport;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.model.HostId;
import io.openfdm.core.status.AgentStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A local cluster whose agents run in this JVM: the directory is written by fdm-cli's
 * {@link ClusterLayout} exactly as {@code fdm cluster up} writes it (same {@link LayoutPlan}, same
 * {@code agent.json} and {@code cluster.json}), then one production {@link AgentRuntime} per host
 * is started from those files, each with its own netty UDP socket on its host address (port
 * {@value LayoutSpec#AGENT_PORT}), H2 store and journal, simulated hypervisor and admin endpoint.
 * The only difference from {@code fdm cluster up}: no JVM per host, so many agents fit a small
 * machine, and a transport layer (fault injection) can be put around each agent's UDP transport.
 *
 * <p>All agents start at once: one thread per host, released together by a gate.
 */
public final class InProcessCluster implements AutoCloseable {
    private final LocalClusterDir dir;
    private final Map<String, AgentConfig> agents = new LinkedHashMap<>();
    private final Map<String, AgentRuntime> live = new LinkedHashMap<>();

    private InProcessCluster(LocalClusterDir dir) {
        this.dir = dir;
    }

    /**
     * Writes the plan and starts every host's agent.
     *
     * @param layers the transport layer of each host ({@code h -> UnaryOperator.identity()} for none)
     * @throws io.openfdm.cli.CliException if an address or port cannot be used or the directory is not empty
     * @throws IllegalStateException       if an agent does not start; the others are stopped again
     */
    public static InProcessCluster start(LayoutPlan plan, Function<HostId, UnaryOperator<Transport>> layers) {
        AddressCheck.check(plan.config().hosts(), LayoutSpec.ADMIN_PORT);
        InProcessCluster cluster = new InProcessCluster(ClusterLayout.write(plan));
        ClusterConfig config = ClusterConfigFiles.read(cluster.dir.clusterConfig());
        for (LocalHost h : cluster.dir.hosts()) {
            cluster.agents.put(h.moid(), h.config());
        }
        ExecutorService starters = Executors.newFixedThreadPool(cluster.agents.size());
        CountDownLatch gate = new CountDownLatch(1);
        Map<String, Future<AgentRuntime>> starting = new LinkedHashMap<>();
        for (Map.Entry<String, AgentConfig> e : cluster.agents.entrySet()) {
            AgentConfig agent = e.getValue();
            starting.put(e.getKey(), starters.submit(() -> {
                gate.await();
                return AgentRuntime.start(agent, config, layers.apply(agent.host()));
            }));
        }
        gate.countDown();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Future<AgentRuntime>> e : starting.entrySet()) {
            try {
                cluster.live.put(e.getKey(), e.getValue().get());
            } catch (ExecutionException ex) {
                failures.add(e.getKey() + ": " + ex.getCause());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                failures.add(e.getKey() + ": interrupted");
            }
        }
        starters.shutdown();
        if (!failures.isEmpty()) {
            cluster.close();
            throw new IllegalStateException("agents did not start: " + String.join("; ", failures));
        }
        return cluster;
    }

    public LocalClusterDir dir() {
        return dir;
    }

    /** MOIDs of the running agents, in host order. */
    public synchronized List<String> hosts() {
        return List.copyOf(live.keySet());
    }

    /**
     * The status of every running agent, computed on its agent thread (what {@code GET /status}
     * returns); an agent that does not answer is left out.
     */
    public Map<String, AgentStatus> statuses() {
        Map<String, AgentStatus> out = new LinkedHashMap<>();
        for (String h : hosts()) {
            AgentRuntime rt = runtime(h);
            try {
                out.put(h, rt.status());
            } catch (IllegalStateException e) {
                // busy or stopping: it did not answer this round
            }
        }
        return out;
    }

    /** The agent's newest {@code limit} journal events, oldest first, over its admin endpoint (as {@code fdm events}). */
    public List<JournalEvent> events(String moid, int limit) {
        return AdminClient.forAgent(agents.get(moid)).events(limit);
    }

    /** Stops one agent cleanly (a master resigns and releases its leases) and forgets it. */
    public void stop(String moid) {
        AgentRuntime rt;
        synchronized (this) {
            rt = live.remove(moid);
        }
        if (rt != null) {
            rt.close();
        }
    }

    /** Stops every running agent, in parallel. */
    @Override
    public void close() {
        List<AgentRuntime> all;
        synchronized (this) {
            all = new ArrayList<>(live.values());
            live.clear();
        }
        if (all.isEmpty()) {
            return;
        }
        ExecutorService stoppers = Executors.newFixedThreadPool(all.size());
        List<Future<?>> stopping = new ArrayList<>();
        for (AgentRuntime rt : all) {
            stopping.add(stoppers.submit(rt::close));
        }
        for (Future<?> f : stopping) {
            try {
                f.get();
            } catch (ExecutionException e) {
                // AgentRuntime.close logs its own problems and always finishes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stoppers.shutdown();
    }

    private synchronized AgentRuntime runtime(String moid) {
        AgentRuntime rt = live.get(moid);
        if (rt == null) {
            throw new IllegalArgumentException("no running agent " + moid);
        }
        return rt;
    }
}
