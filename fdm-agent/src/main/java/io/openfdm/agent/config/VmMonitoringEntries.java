package io.openfdm.agent.config;

import io.openfdm.agent.config.ClusterFile.VmMonitoringEntry;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.config.VmMonitoringPolicy.Sensitivity;

/**
 * {@code cluster.json}'s {@code ha.vmMonitoring} object to and from {@link VmMonitoringPolicy}:
 * the sensitivity preset first, then each custom value given over it.
 */
final class VmMonitoringEntries {
    static final String ENABLED = "vmMonitoringOnly";
    static final String DISABLED = "vmMonitoringDisabled";

    private VmMonitoringEntries() {
    }

    /**
     * @param entry the object as read, or null (VM monitoring disabled)
     * @param at    its JSON path, for errors
     * @throws ConfigException naming the field that is not understood
     */
    static VmMonitoringPolicy toPolicy(VmMonitoringEntry entry, String at) {
        if (entry == null) {
            return VmMonitoringPolicy.disabled();
        }
        boolean enabled;
        if (entry.state() == null || entry.state().equals(DISABLED)) {
            enabled = false;
        } else if (entry.state().equals(ENABLED)) {
            enabled = true;
        } else {
            throw new ConfigException(at + ".state", "must be \"" + DISABLED + "\" or \"" + ENABLED
                    + "\" (vSphere's names; application monitoring is not supported), was \"" + entry.state() + "\"");
        }
        Sensitivity sensitivity = entry.sensitivity() == null ? Sensitivity.HIGH
                : Sensitivity.fromWireName(entry.sensitivity()).orElseThrow(() -> new ConfigException(at + ".sensitivity",
                "must be one of " + Sensitivity.wireNames() + ", was \"" + entry.sensitivity() + "\""));
        VmMonitoringPolicy preset = VmMonitoringPolicy.of(enabled, sensitivity);
        VmMonitoringPolicy policy = new VmMonitoringPolicy(enabled,
                entry.failureIntervalMs() == null ? preset.failureIntervalMs() : entry.failureIntervalMs(),
                entry.minUptimeMs() == null ? preset.minUptimeMs() : entry.minUptimeMs(),
                entry.maxResets() == null ? preset.maxResets() : entry.maxResets(),
                entry.resetWindowMs() == null ? preset.resetWindowMs() : entry.resetWindowMs());
        policy.validate(at);
        return policy;
    }

    /** The object to write: the state and every value (explicit, so the file says what is in force). */
    static VmMonitoringEntry toEntry(VmMonitoringPolicy policy) {
        if (policy.equals(VmMonitoringPolicy.disabled())) {
            return null;
        }
        return new VmMonitoringEntry(policy.enabled() ? ENABLED : DISABLED, null, policy.failureIntervalMs(),
                policy.minUptimeMs(), policy.maxResets(), policy.resetWindowMs());
    }

    /** A VM's own monitoring ({@code vmOverrides[].vmMonitoring}): always written, disabled included. */
    static VmMonitoringEntry toOverrideEntry(VmMonitoringPolicy policy) {
        return new VmMonitoringEntry(policy.enabled() ? ENABLED : DISABLED, null, policy.failureIntervalMs(),
                policy.minUptimeMs(), policy.maxResets(), policy.resetWindowMs());
    }
}
