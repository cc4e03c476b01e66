package io.openfdm.bridge.dasconfig;

import io.openfdm.core.config.VmMonitoringPolicy;

import java.util.Optional;

/**
 * vSphere's VM monitoring to {@link VmMonitoringPolicy}: the cluster's ({@code dasConfig.vmMonitoring}
 * and {@code dasConfig.defaultVmSettings.vmToolsMonitoringSettings}) and a VM's own
 * ({@code dasVmConfig[].dasSettings.vmToolsMonitoringSettings}), vSphere API reference,
 * {@code ClusterVmToolsMonitoringSettings}:
 * <ul>
 *   <li>state: {@code vmMonitoringDisabled}, {@code vmMonitoringOnly}; {@code vmAndAppMonitoring}
 *       is <b>taken as {@code vmMonitoringOnly}</b> (OpenFDM has no application heartbeats; the
 *       VM-level monitoring of that state still applies). Anything else is an error.</li>
 *   <li>{@code failureInterval} seconds, &gt; 0 (API default 30); {@code minUpTime} seconds,
 *       &gt;= 0 (default 120); {@code maxFailures} &gt;= 1 (default 3); {@code maxFailureWindow}
 *       seconds &gt; 0, or -1 for no window (the API default) which becomes
 *       {@link VmMonitoringPolicy#NO_RESET_WINDOW_MS}.</li>
 *   <li>A VM's settings apply only with {@code clusterSettings = false} (the API default is true:
 *       the cluster's). Its unset fields, its state included, take the cluster's values.</li>
 * </ul>
 */
final class VmToolsMonitoringMapping {
    static final String DISABLED = "vmMonitoringDisabled";
    static final String ONLY = "vmMonitoringOnly";
    static final String VM_AND_APP = "vmAndAppMonitoring";
    /** {@code ClusterVmToolsMonitoringSettings} defaults of the vSphere API, seconds. */
    static final long DEFAULT_FAILURE_INTERVAL_S = 30;
    static final long DEFAULT_MIN_UP_TIME_S = 120;
    static final long DEFAULT_MAX_FAILURES = 3;
    static final long NO_WINDOW = -1;

    private VmToolsMonitoringMapping() {
    }

    /** The cluster's policy. @throws DasConfigException naming the bad field */
    static VmMonitoringPolicy cluster(DasFields dasConfig) {
        boolean enabled = state(dasConfig, "vmMonitoring").orElse(false);
        DasFields tools = dasConfig.object("defaultVmSettings").object("vmToolsMonitoringSettings");
        VmMonitoringPolicy apiDefaults = new VmMonitoringPolicy(enabled, DEFAULT_FAILURE_INTERVAL_S * 1000,
                DEFAULT_MIN_UP_TIME_S * 1000, (int) DEFAULT_MAX_FAILURES, VmMonitoringPolicy.NO_RESET_WINDOW_MS);
        return values(tools, apiDefaults);
    }

    /**
     * A VM's own policy, or null when it uses the cluster's.
     *
     * @param tools   its {@code dasSettings.vmToolsMonitoringSettings}
     * @param cluster the cluster's policy, for the fields the VM leaves unset
     */
    static VmMonitoringPolicy perVm(DasFields tools, VmMonitoringPolicy cluster) {
        if (!tools.reported() || tools.bool("clusterSettings").orElse(true)) {
            return null;
        }
        boolean enabled = state(tools, "vmMonitoring").orElse(cluster.enabled());
        return values(tools, new VmMonitoringPolicy(enabled, cluster.failureIntervalMs(), cluster.minUptimeMs(),
                cluster.maxResets(), cluster.resetWindowMs()));
    }

    private static Optional<Boolean> state(DasFields o, String name) {
        Optional<String> s = o.string(name);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        return switch (s.get()) {
            case DISABLED -> Optional.of(false);
            case ONLY, VM_AND_APP -> Optional.of(true);
            default -> throw new DasConfigException(o.field(name), "must be one of " + DISABLED + ", " + ONLY + ", "
                    + VM_AND_APP + ", was \"" + s.get() + "\"");
        };
    }

    private static VmMonitoringPolicy values(DasFields tools, VmMonitoringPolicy base) {
        long failureMs = base.failureIntervalMs();
        Optional<Long> failure = tools.number("failureInterval");
        if (failure.isPresent()) {
            if (failure.get() <= 0) {
                throw new DasConfigException(tools.field("failureInterval"), "must be > 0 seconds, was " + failure.get());
            }
            failureMs = failure.get() * 1000;
        }
        long uptimeMs = base.minUptimeMs();
        Optional<Long> uptime = tools.number("minUpTime");
        if (uptime.isPresent()) {
            if (uptime.get() < 0) {
                throw new DasConfigException(tools.field("minUpTime"), "must be >= 0 seconds, was " + uptime.get());
            }
            uptimeMs = uptime.get() * 1000;
        }
        int maxResets = base.maxResets();
        Optional<Long> max = tools.number("maxFailures");
        if (max.isPresent()) {
            if (max.get() < 1 || max.get() > Integer.MAX_VALUE) {
                throw new DasConfigException(tools.field("maxFailures"), "must be >= 1, was " + max.get());
            }
            maxResets = (int) (long) max.get();
        }
        long windowMs = base.resetWindowMs();
        Optional<Long> window = tools.number("maxFailureWindow");
        if (window.isPresent()) {
            if (window.get() == NO_WINDOW) {
                windowMs = VmMonitoringPolicy.NO_RESET_WINDOW_MS;
            } else if (window.get() <= 0) {
                throw new DasConfigException(tools.field("maxFailureWindow"),
                        "must be > 0 seconds, or -1 for no window, was " + window.get());
            } else {
                windowMs = window.get() * 1000;
            }
        }
        return new VmMonitoringPolicy(base.enabled(), failureMs, uptimeMs, maxResets, windowMs);
    }
}
