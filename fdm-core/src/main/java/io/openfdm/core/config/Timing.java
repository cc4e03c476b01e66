package io.openfdm.core.config;

/**
 * Every timer of the agent, in milliseconds of the local monotonic clock.
 *
 * <p>VMware FDM's figures for comparison (vSphere HA Deepdive; {@code shared/reference}):
 * heartbeats every 1 s, {@code das.config.fdm.hostTimeout} 10 s, about 15 s to elect, a slave
 * declared dead at T+18 s. Our defaults are faster because a host is declared dead only when its
 * network heartbeats <em>and</em> its datastore heartbeat have both stopped, and because a lease
 * taker must watch a lease go unrenewed before it claims it; those two rules, not long timers,
 * keep restarts exactly-once.
 *
 * @param tickIntervalMs               how often the agent's state machines are ticked (50)
 * @param heartbeatIntervalMs          network heartbeat period between master and slaves (250;
 *                                     FDM: 1000)
 * @param hostFailureTimeoutMs         network silence after which the master suspects a slave
 *                                     (2000 = 8 missed heartbeats, so 5% packet loss almost never
 *                                     trips it; FDM: 10000)
 * @param masterFailureTimeoutMs       network silence after which a slave calls an election (2000)
 * @param electionWindowMs             longest an election waits for members it has not heard
 *                                     from; it ends sooner once every reachable member has spoken
 *                                     (2000; FDM: about 15000)
 * @param electionClaimIntervalMs      how often a candidate re-sends its claim during an election
 *                                     (100)
 * @param datastoreHeartbeatIntervalMs how often a host bumps its {@code host-<moid>-hb} file (500;
 *                                     FDM on NFS: 5000)
 * @param datastoreHeartbeatTimeoutMs  an unchanged heartbeat file for this long means the host's
 *                                     storage heartbeat stopped (2000)
 * @param leaseRenewIntervalMs         how often the holder renews a protectedlist lease (500)
 * @param leaseStandDownMs             a holder whose last successful renewal is this old stops
 *                                     acting on the datastore (1000)
 * @param leaseTimeoutMs               a taker must see a lease unrenewed this long before it may
 *                                     claim it (2000); must exceed stand-down with margin
 * @param leaseClaimSettleMs           after writing a claim, wait this long and read it back
 *                                     before owning the lease (500)
 * @param powerOnTimeoutMs             a power-on request without an answer is re-sent after this
 *                                     (3000)
 * @param restartBackoffMs             older form of the retry schedule: first delay before retrying
 *                                     a failed restart, doubling per attempt (120000, which gives
 *                                     VMware's T0, T2m, T6m, T14m, T30m; aggressive 500). Used only
 *                                     to derive {@link RestartPolicy#attemptScheduleMs()} when the
 *                                     configuration does not set it
 *                                     ({@link ClusterConfig#legacyRestartPolicy})
 * @param restartMaxAttempts           older form: attempts per VM, the first included (5, as FDM's
 *                                     {@code das.maxvmrestartcount}); same use as
 *                                     {@code restartBackoffMs}
 * @param maxConcurrentPowerOnsPerHost power-ons in flight per target host (32, as FDM's
 *                                     {@code das.perHostConcurrentFailoversLimit})
 */
public record Timing(long tickIntervalMs,
                     long heartbeatIntervalMs,
                     long hostFailureTimeoutMs,
                     long masterFailureTimeoutMs,
                     long electionWindowMs,
                     long electionClaimIntervalMs,
                     long datastoreHeartbeatIntervalMs,
                     long datastoreHeartbeatTimeoutMs,
                     long leaseRenewIntervalMs,
                     long leaseStandDownMs,
                     long leaseTimeoutMs,
                     long leaseClaimSettleMs,
                     long powerOnTimeoutMs,
                     long restartBackoffMs,
                     int restartMaxAttempts,
                     int maxConcurrentPowerOnsPerHost) {

    /** The documented defaults (see the parameter list). */
    public static Timing defaults() {
        return new Timing(50, 250, 2000, 2000, 2000, 100, 500, 2000, 500, 1000, 2000, 500, 3000, 120_000, 5, 32);
    }

    /** Faster timers for benchmarks and small lab clusters; the same invariants hold. */
    public static Timing aggressive() {
        return new Timing(20, 100, 800, 800, 800, 50, 200, 800, 200, 400, 800, 200, 1500, 500, 5, 32);
    }

    /**
     * Checks the invariants between timers.
     *
     * @param prefix the JSON path of this object, used in the error (e.g. {@code cluster.timing})
     * @throws ConfigException naming the first field that breaks a rule
     */
    public void validate(String prefix) {
        positive(prefix, "tickIntervalMs", tickIntervalMs);
        positive(prefix, "heartbeatIntervalMs", heartbeatIntervalMs);
        positive(prefix, "electionClaimIntervalMs", electionClaimIntervalMs);
        positive(prefix, "datastoreHeartbeatIntervalMs", datastoreHeartbeatIntervalMs);
        positive(prefix, "leaseRenewIntervalMs", leaseRenewIntervalMs);
        positive(prefix, "leaseClaimSettleMs", leaseClaimSettleMs);
        positive(prefix, "powerOnTimeoutMs", powerOnTimeoutMs);
        positive(prefix, "restartBackoffMs", restartBackoffMs);
        atLeast(prefix, "hostFailureTimeoutMs", hostFailureTimeoutMs, 4 * heartbeatIntervalMs,
                "4 x heartbeatIntervalMs, so a few lost heartbeats do not look like a failure");
        atLeast(prefix, "masterFailureTimeoutMs", masterFailureTimeoutMs, 4 * heartbeatIntervalMs,
                "4 x heartbeatIntervalMs");
        atLeast(prefix, "electionWindowMs", electionWindowMs, 2 * electionClaimIntervalMs,
                "2 x electionClaimIntervalMs");
        atLeast(prefix, "datastoreHeartbeatTimeoutMs", datastoreHeartbeatTimeoutMs, 2 * datastoreHeartbeatIntervalMs,
                "2 x datastoreHeartbeatIntervalMs");
        atLeast(prefix, "leaseStandDownMs", leaseStandDownMs, 2 * leaseRenewIntervalMs,
                "2 x leaseRenewIntervalMs, so one slow renewal does not drop the lease");
        atLeast(prefix, "leaseTimeoutMs", leaseTimeoutMs, 2 * leaseStandDownMs,
                "2 x leaseStandDownMs, so a stalled holder stops acting well before a taker may claim");
        if (leaseClaimSettleMs >= leaseStandDownMs) {
            throw new ConfigException(prefix + ".leaseClaimSettleMs", "must be < leaseStandDownMs (" + leaseStandDownMs
                    + "), or a claim's read-back always comes too late to be trusted");
        }
        if (tickIntervalMs > heartbeatIntervalMs) {
            throw new ConfigException(prefix + ".tickIntervalMs", "must be <= heartbeatIntervalMs (" + heartbeatIntervalMs + ")");
        }
        if (restartMaxAttempts < 1) {
            throw new ConfigException(prefix + ".restartMaxAttempts", "must be >= 1");
        }
        if (maxConcurrentPowerOnsPerHost < 1) {
            throw new ConfigException(prefix + ".maxConcurrentPowerOnsPerHost", "must be >= 1");
        }
    }

    private static void positive(String prefix, String field, long value) {
        if (value <= 0) {
            throw new ConfigException(prefix + "." + field, "must be > 0 (milliseconds), was " + value);
        }
    }

    private static void atLeast(String prefix, String field, long value, long min, String why) {
        if (value < min) {
            throw new ConfigException(prefix + "." + field, "must be >= " + why + " = " + min + ", was " + value);
        }
    }
}
