package io.openfdm.cli.demo;

import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.cluster.LocalCluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Watches a local cluster recover from a host failure: polls every live agent's {@code /status}
 * every {@value #POLL_MS} ms until every VM that was protected and running before the failure
 * runs on exactly one live host (and, after a master failure, a new master is agreed), or the
 * time runs out. Notes in a {@link Timeline} when each VM of the failed host is seen running
 * elsewhere, then adds the surviving agents' journal events.
 */
public final class FailoverWatch {
    /** Polling period, in milliseconds. */
    public static final long POLL_MS = 100;
    /** Journal events fetched from each agent for the timeline. */
    private static final int EVENT_LIMIT = 1000;

    /**
     * The outcome.
     *
     * @param recovered   every VM ran exactly once (and a master was agreed) before the timeout
     * @param timeline    what happened
     * @param problems    why it did not recover (VMs not running exactly once, no master), or empty
     * @param master      the master at the end, or empty
     * @param recoveryMs  milliseconds from the failure to recovery (or to the timeout)
     * @param placement   where the VMs ran at the end
     */
    public record Result(boolean recovered, Timeline timeline, List<String> problems, Optional<String> master,
                         long recoveryMs, Placement placement) {
    }

    private FailoverWatch() {
    }

    /**
     * @param cluster      the cluster (the failed host's process is already gone)
     * @param failedHost   the host that failed
     * @param expected     VMs that must each run exactly once on a live host
     * @param victims      VMs the failed host ran (their restarts go into the timeline)
     * @param failedAtMs   wall-clock time of the failure, milliseconds since the epoch
     * @param needNewMaster the failed host was the master: also wait for a new, agreed master
     * @param timeoutMs    how long to wait, in milliseconds
     */
    public static Result watch(LocalCluster cluster, String failedHost, Set<String> expected, Set<String> victims,
                               long failedAtMs, boolean needNewMaster, long timeoutMs) {
        Timeline timeline = new Timeline(failedAtMs);
        timeline.add(failedAtMs, failedHost + " killed (kill -9)");
        Map<String, String> seenOn = new HashMap<>();
        Placement placement = new Placement(Map.of());
        Optional<String> master = Optional.empty();
        List<String> problems = List.of();
        long nowMs = System.currentTimeMillis();
        while (true) {
            ClusterView view = cluster.poll();
            nowMs = System.currentTimeMillis();
            placement = Placement.of(view);
            for (String vm : victims) {
                List<String> hosts = placement.hostsOf(vm);
                if (hosts.size() == 1 && !hosts.get(0).equals(seenOn.get(vm))) {
                    seenOn.put(vm, hosts.get(0));
                    timeline.add(nowMs, vm + " seen running on " + hosts.get(0) + " (its host reports it)");
                }
            }
            master = agreedMaster(view).filter(m -> !needNewMaster || !m.equals(failedHost));
            List<String> duplicates = placement.duplicates();
            problems = new ArrayList<>(placement.violations(expected));
            if (master.isEmpty()) {
                problems.add(needNewMaster ? "no new master agreed by the live hosts" : "the live hosts do not agree on a master");
            }
            if (!duplicates.isEmpty()) {
                // Two live hosts running one VM is the failure HA must never cause: stop at once.
                problems = placement.violations(new HashSet<>(duplicates));
                break;
            }
            if (problems.isEmpty() || nowMs - failedAtMs > timeoutMs) {
                break;
            }
            sleep(POLL_MS);
        }
        timeline.addEvents(cluster.events(EVENT_LIMIT), failedHost);
        return new Result(problems.isEmpty(), timeline, List.copyOf(problems), master, nowMs - failedAtMs, placement);
    }

    /** The master every answering agent names, if they all name the same one and it answered. */
    static Optional<String> agreedMaster(ClusterView view) {
        Set<String> named = new HashSet<>();
        for (ClusterView.Answer a : view.answers()) {
            named.add(a.status().master() == null ? "" : a.status().master());
        }
        if (named.size() != 1 || named.contains("")) {
            return Optional.empty();
        }
        String m = named.iterator().next();
        return view.answerOf(m).filter(a -> "master".equals(a.status().role())).map(a -> m);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.openfdm.cli.CliException(1, "interrupted");
        }
    }
}
