package io.openfdm.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * VM monitoring (vSphere's {@code ClusterDasConfigInfo.vmMonitoring} and
 * {@code ClusterVmToolsMonitoringSettings}): each host's agent resets a powered-on VM whose guest
 * heartbeat has stopped for {@code failureIntervalMs}, at most {@code maxResets} times within
 * {@code resetWindowMs}, and not within {@code minUptimeMs} of the VM's power-on or last reset.
 * The rules are in {@code io.openfdm.agent.vmmonitoring.VmMonitor}.
 *
 * <p>VMware's presets ({@link Sensitivity}, vSphere HA Deepdive "VM and application monitoring";
 * reference sheet §2): high 30 s and 3 resets per hour, medium 60 s and 3 per 24 hours, low 120 s
 * and 3 per 7 days. {@code minUptimeMs} is the API's {@code minUpTime}, default 120 s for every
 * preset here. VMware also requires no disk and no network I/O for {@code das.iostatsInterval}
 * (120 s) before it resets; OpenFDM has no I/O statistics and decides on the heartbeat alone.
 *
 * @param enabled           vSphere's {@code vmMonitoringOnly} (true) or {@code vmMonitoringDisabled}
 *                          (false, the vSphere default)
 * @param failureIntervalMs how long the heartbeat must have been stopped before a reset, ms, &gt; 0
 * @param minUptimeMs       grace after a power-on or a reset during which the VM is not judged, ms, &gt;= 0
 * @param maxResets         most resets of one VM within {@code resetWindowMs}, &gt;= 1
 * @param resetWindowMs     the sliding window the resets are counted in, ms, &gt; 0;
 *                          {@link #NO_RESET_WINDOW_MS} for none
 */
public record VmMonitoringPolicy(boolean enabled, long failureIntervalMs, long minUptimeMs, int maxResets,
                                 long resetWindowMs) {
    /** vSphere's {@code minUpTime} default, 120 s, in ms. */
    public static final long DEFAULT_MIN_UPTIME_MS = 120_000;
    /** vSphere's default maximum per-VM resets, 3. */
    public static final int DEFAULT_MAX_RESETS = 3;
    /**
     * {@code resetWindowMs} meaning "no window": every reset since the VM's power-on counts
     * (vSphere's {@code maxFailureWindow = -1}).
     */
    public static final long NO_RESET_WINDOW_MS = Long.MAX_VALUE;

    /** VMware's monitoring sensitivity presets. */
    public enum Sensitivity {
        /** 30 s failure interval, 3 resets per 1 h. */
        HIGH(30_000, 3_600_000L),
        /** 60 s failure interval, 3 resets per 24 h. */
        MEDIUM(60_000, 24 * 3_600_000L),
        /** 120 s failure interval, 3 resets per 7 days. */
        LOW(120_000, 7 * 24 * 3_600_000L);

        private final long failureIntervalMs;
        private final long resetWindowMs;

        Sensitivity(long failureIntervalMs, long resetWindowMs) {
            this.failureIntervalMs = failureIntervalMs;
            this.resetWindowMs = resetWindowMs;
        }

        public long failureIntervalMs() {
            return failureIntervalMs;
        }

        public long resetWindowMs() {
            return resetWindowMs;
        }

        /** {@code high}, {@code medium}, {@code low}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Sensitivity> fromWireName(String name) {
            return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
        }

        /** {@code high, medium, low}, for error messages. */
        public static String wireNames() {
            return Arrays.stream(values()).map(Sensitivity::wireName).collect(Collectors.joining(", "));
        }
    }

    /** vSphere's default: VM monitoring disabled (the high preset's values are kept for when it is enabled). */
    public static VmMonitoringPolicy disabled() {
        return of(false, Sensitivity.HIGH);
    }

    /** Monitoring on or off with a preset's values and the default minimum uptime. */
    public static VmMonitoringPolicy of(boolean enabled, Sensitivity sensitivity) {
        return new VmMonitoringPolicy(enabled, sensitivity.failureIntervalMs(), DEFAULT_MIN_UPTIME_MS,
                DEFAULT_MAX_RESETS, sensitivity.resetWindowMs());
    }

    /**
     * @param prefix the JSON path of this object, used in the error (e.g. {@code cluster.ha.vmMonitoring})
     * @throws ConfigException naming the field that breaks a rule
     */
    public void validate(String prefix) {
        if (failureIntervalMs <= 0) {
            throw new ConfigException(prefix + ".failureIntervalMs", "must be > 0, was " + failureIntervalMs);
        }
        if (minUptimeMs < 0) {
            throw new ConfigException(prefix + ".minUptimeMs", "must be >= 0, was " + minUptimeMs);
        }
        if (maxResets < 1) {
            throw new ConfigException(prefix + ".maxResets", "must be >= 1, was " + maxResets);
        }
        if (resetWindowMs <= 0) {
            throw new ConfigException(prefix + ".resetWindowMs", "must be > 0, was " + resetWindowMs);
        }
    }
}
