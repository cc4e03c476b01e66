package io.openfdm.cli.cluster;

import io.openfdm.cli.CliException;
import io.openfdm.cli.agents.AdminAgentLink;
import io.openfdm.cli.agents.AgentLink;
import io.openfdm.cli.agents.AgentTargets;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.agents.TokenFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A local cluster of agent processes on this machine: one directory ({@link LocalClusterDir}),
 * one JVM per host. Knows how to start, kill and stop its agents, find the running ones, and wait
 * until the cluster is up.
 */
public final class LocalCluster {
    /** How long {@link #awaitUp} waits by default, in milliseconds. */
    public static final long UP_TIMEOUT_MS = 30_000;
    /** How long {@link #down} lets agents stop after SIGTERM before SIGKILL, in milliseconds. */
    public static final long DOWN_GRACE_MS = 10_000;
    private static final long POLL_MS = 200;
    private final LocalClusterDir dir;
    private final AgentProcesses processes = new AgentProcesses();

    private LocalCluster(LocalClusterDir dir) {
        this.dir = dir;
    }

    /**
     * The result of {@link #up}.
     *
     * @param cluster the running cluster
     * @param plan    what was written
     * @param view    every agent's first status with an agreed master
     */
    public record Started(LocalCluster cluster, LayoutPlan plan, ClusterView view) {
    }

    /**
     * {@code fdm cluster up}: checks the directory and addresses, writes the layout, starts one
     * agent per host, records the directory as current, and waits until every agent answers and a
     * master is elected. If the cluster does not come up, its agents are stopped again (the files
     * and logs stay).
     *
     * @param timeoutMs how long to wait for the cluster, in milliseconds
     * @throws CliException (usage) if the directory already holds a cluster or is not empty, or an
     *                      address cannot be used; (failed) if the cluster does not come up
     */
    public static Started up(LayoutPlan plan, AgentLauncher launcher, CurrentCluster current, long timeoutMs) {
        if (LocalClusterDir.holdsCluster(plan.dir())) {
            LocalCluster existing = open(plan.dir());
            List<LocalHost> running = existing.running();
            if (!running.isEmpty()) {
                throw CliException.usage(plan.dir() + " already runs a cluster (" + running.stream()
                        .map(LocalHost::moid).collect(Collectors.joining(", ")) + "); stop it first: fdm cluster down --dir "
                        + plan.dir());
            }
            throw CliException.usage(plan.dir() + " already holds a stopped cluster; restart it with"
                    + " fdm cluster start-host --all --dir " + plan.dir() + ", or remove the directory");
        }
        AddressCheck.check(plan.config().hosts(), LayoutSpec.ADMIN_PORT);
        LocalCluster cluster = new LocalCluster(ClusterLayout.write(plan));
        current.record(plan.dir());
        try {
            cluster.startAll(launcher);
            ClusterView view = cluster.awaitUp(cluster.dir().hosts(), true, timeoutMs);
            return new Started(cluster, plan, view);
        } catch (CliException e) {
            cluster.down(DOWN_GRACE_MS);
            throw new CliException(e.exitCode(), e.getMessage() + "\n(agents stopped; files and logs kept in "
                    + plan.dir() + ")", e);
        }
    }

    /** Opens an existing cluster directory. @throws CliException (usage) if it holds none */
    public static LocalCluster open(Path dir) {
        return new LocalCluster(LocalClusterDir.open(dir));
    }

    public LocalClusterDir dir() {
        return dir;
    }

    public AgentProcesses processes() {
        return processes;
    }

    /** Hosts whose agent process is alive. */
    public List<LocalHost> running() {
        return dir.hosts().stream().filter(h -> processes.find(h).isPresent()).toList();
    }

    /**
     * The journals of every agent that answers, up to {@code limitPerAgent} events each, in the
     * order the agents are listed; a host that does not answer adds nothing.
     */
    public List<io.openfdm.core.journal.JournalEvent> events(int limitPerAgent) {
        List<io.openfdm.core.journal.JournalEvent> all = new ArrayList<>();
        for (AgentLink link : targets().links()) {
            try {
                all.addAll(link.events(limitPerAgent));
            } catch (io.openfdm.cli.agents.AgentCallException e) {
                // a host that stopped answering contributes no events
            }
        }
        return all;
    }

    /** Every running agent with a token, as links; the others as skipped with their state. */
    public AgentTargets targets() {
        List<AgentLink> links = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (LocalHost host : dir.hosts()) {
            ProcessState state = processes.state(host);
            if (state != ProcessState.RUNNING) {
                skipped.put(host.moid(), state.label());
                continue;
            }
            Optional<String> token = TokenFiles.read(host.tokenFile());
            if (token.isEmpty()) {
                skipped.put(host.moid(), "starting, no admin.token yet");
                continue;
            }
            links.add(new AdminAgentLink(host.moid(), host.admin(), token.get()));
        }
        return new AgentTargets(links, skipped, false);
    }

    /** Asks every running agent for its status once. */
    public ClusterView poll() {
        return ClusterView.poll(targets());
    }

    /** Starts every host's agent that is not running. */
    public void startAll(AgentLauncher launcher) {
        for (LocalHost h : dir.hosts()) {
            if (processes.find(h).isEmpty()) {
                launcher.start(h);
            }
        }
    }

    /**
     * Waits until every agent in {@code hosts} answers {@code /status} and, if
     * {@code requireMaster}, all of them name the same master.
     *
     * @param timeoutMs how long to wait, in milliseconds
     * @return the last view
     * @throws CliException (failed) at the timeout, or as soon as an agent process exits, listing
     *                      the hosts that did not come up and the last lines of their logs
     */
    public ClusterView awaitUp(List<LocalHost> hosts, boolean requireMaster, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (true) {
            ClusterView view = poll();
            List<LocalHost> exited = hosts.stream().filter(h -> processes.find(h).isEmpty()).toList();
            if (!exited.isEmpty()) {
                throw CliException.failed("agent process exited: " + describe(exited, view));
            }
            List<LocalHost> silent = hosts.stream().filter(h -> view.answerOf(h.moid()).isEmpty()).toList();
            Optional<String> master = agreedMaster(view, hosts);
            if (silent.isEmpty() && (!requireMaster || master.isPresent())) {
                return view;
            }
            if (System.nanoTime() > deadline) {
                String why = !silent.isEmpty() ? "not answering: " + describe(silent, view)
                        : "no master elected (roles: " + view.answers().stream()
                        .map(a -> a.status().host() + " " + a.status().role() + (a.status().master().isEmpty() ? ""
                                : " -> " + a.status().master())).collect(Collectors.joining(", ")) + ")";
                throw CliException.failed("cluster in " + dir.dir() + " did not come up within "
                        + timeoutMs / 1000 + " s; " + why);
            }
            sleep(POLL_MS);
        }
    }

    /** The master every listed host names, if they all answered and agree. */
    static Optional<String> agreedMaster(ClusterView view, List<LocalHost> hosts) {
        String master = null;
        for (LocalHost h : hosts) {
            Optional<ClusterView.Answer> a = view.answerOf(h.moid());
            if (a.isEmpty() || a.get().status().master() == null || a.get().status().master().isEmpty()) {
                return Optional.empty();
            }
            if (master != null && !master.equals(a.get().status().master())) {
                return Optional.empty();
            }
            master = a.get().status().master();
        }
        return Optional.ofNullable(master);
    }

    /**
     * Stops every running agent: SIGTERM, up to {@code graceMs} milliseconds to exit, then SIGKILL.
     *
     * @return host MOIDs that had to be killed
     */
    public List<String> down(long graceMs) {
        Map<LocalHost, ProcessHandle> stopping = new LinkedHashMap<>();
        for (LocalHost h : dir.hosts()) {
            processes.terminate(h).ifPresent(p -> stopping.put(h, p));
        }
        long deadline = System.nanoTime() + graceMs * 1_000_000;
        List<String> killed = new ArrayList<>();
        for (Map.Entry<LocalHost, ProcessHandle> e : stopping.entrySet()) {
            long leftMs = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            if (!AgentProcesses.awaitExit(e.getValue(), leftMs)) {
                e.getValue().destroyForcibly();
                AgentProcesses.awaitExit(e.getValue(), 5_000);
                killed.add(e.getKey().moid());
            }
        }
        return killed;
    }

    private String describe(List<LocalHost> hosts, ClusterView view) {
        List<String> parts = new ArrayList<>();
        for (LocalHost h : hosts) {
            StringBuilder sb = new StringBuilder(h.moid()).append(" (").append(processes.state(h).label());
            String problem = view.problems().get(h.moid());
            if (problem != null && !problem.equals(processes.state(h).label())) {
                sb.append(", ").append(problem);
            }
            sb.append(")");
            List<String> tail = LogTail.of(h.logFile(), 3);
            if (!tail.isEmpty()) {
                sb.append("\n    ").append(h.logFile()).append(":\n      ").append(String.join("\n      ", tail));
            }
            parts.add(sb.toString());
        }
        return String.join("; ", parts);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
    }
}
