package io.openfdm.master.hoststate;

import io.openfdm.core.config.Timing;

/**
 * The master's intervals for pinging silent hosts and reading poweron files and poweredoff
 * markers, derived from {@link Timing} so the aggressive profile scales them too. VMware's values
 * are fixed; ours are faster for the same reason the other timers are: a restart still needs both
 * heartbeats silent (and, for an isolated host, its own poweredoff marker), not a long wait.
 */
public final class HostStateTiming {
    private HostStateTiming() {
    }

    /**
     * How long one ping of a management address may take: {@code hostFailureTimeoutMs / 2}
     * (default 1000 ms, aggressive 400 ms). VMware: {@code icmpPingTimeout} 5 s.
     */
    public static long probeTimeoutMs(Timing t) {
        return Math.max(1, t.hostFailureTimeoutMs() / 2);
    }

    /**
     * How often a silent host is pinged again while it is not declared dead:
     * {@code hostFailureTimeoutMs} (default 2000 ms, aggressive 800 ms). VMware:
     * {@code deadIcmpPingInterval} 10 s. A ping that has not come back after twice
     * {@link #probeTimeoutMs} counts as unanswered, so a stuck worker cannot hold a verdict.
     */
    public static long probeIntervalMs(Timing t) {
        return t.hostFailureTimeoutMs();
    }

    /**
     * How often the master reads the poweron files of silent hosts and the poweredoff markers:
     * {@code 2 x datastoreHeartbeatIntervalMs} (default 1000 ms, aggressive 400 ms). VMware reads
     * the poweron files about every 30 s (vSphere HA Deepdive, "Datastore heartbeating").
     */
    public static long poweronReadIntervalMs(Timing t) {
        return 2 * t.datastoreHeartbeatIntervalMs();
    }

    /**
     * A host counts as silent for poweron reads once it missed two network heartbeats
     * ({@code 2 x heartbeatIntervalMs}), so its isolation flag is known before
     * {@code hostFailureTimeoutMs} ends and the first verdict is already the right one.
     */
    public static long poweronWatchAfterMs(Timing t) {
        return 2 * t.heartbeatIntervalMs();
    }
}
