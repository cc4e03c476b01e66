package io.openfdm.core.config;

import java.util.List;

/**
 * How a host tells that it is isolated and how long it waits before it applies the isolation
 * response, after VMware HA's advanced options (vSphere HA Deepdive, advanced settings;
 * {@code shared/reference/vmware-ha-facts.md} §1 "Isolation detection").
 *
 * <p>A host that hears no agent at all pings its isolation addresses: the configured ones and,
 * unless turned off, its default gateway. None answers: the host declares itself isolated, sets
 * the flag in its poweron file, and applies the isolation response {@code policyDelayMs} later.
 *
 * @param isolationAddresses         extra addresses to ping (IP literals or host names), at most
 *                                   {@value #MAX_ISOLATION_ADDRESSES}: VMware's
 *                                   {@code das.isolationaddress0..9}. Default none.
 * @param useDefaultIsolationAddress ping the host's default gateway as well (VMware's
 *                                   {@code das.usedefaultisolationaddress}, default true)
 * @param policyDelayMs              time between declaring isolation and applying the response,
 *                                   milliseconds; at least {@value #MIN_POLICY_DELAY_MS} (VMware's
 *                                   {@code das.config.fdm.isolationPolicyDelaySec}, minimum 30 s,
 *                                   added in vSphere 5.1). Default 30000.
 * @param shutdownTimeoutMs          how long the response "shut down" waits for the guest before it
 *                                   powers the VM off, milliseconds (VMware's
 *                                   {@code das.isolationShutdownTimeout}, default 300 s). Default
 *                                   300000.
 */
public record IsolationPolicy(List<String> isolationAddresses, boolean useDefaultIsolationAddress,
                              long policyDelayMs, long shutdownTimeoutMs) {
    /** VMware's limit on {@code das.isolationaddress0..9}. */
    public static final int MAX_ISOLATION_ADDRESSES = 10;
    /** VMware's minimum isolation policy delay (vSphere 5.1 and later), milliseconds. */
    public static final long MIN_POLICY_DELAY_MS = 30_000;
    /** VMware's default {@code das.isolationShutdownTimeout}, milliseconds. */
    public static final long DEFAULT_SHUTDOWN_TIMEOUT_MS = 300_000;

    public IsolationPolicy {
        isolationAddresses = isolationAddresses == null ? List.of()
                : isolationAddresses.stream().map(a -> a == null ? "" : a).toList();
    }

    /** VMware's defaults: the gateway only, 30 s delay, 300 s shutdown timeout. */
    public static IsolationPolicy defaults() {
        return new IsolationPolicy(List.of(), true, MIN_POLICY_DELAY_MS, DEFAULT_SHUTDOWN_TIMEOUT_MS);
    }

    /**
     * @param prefix the JSON path of this object, used in the error (e.g. {@code cluster.ha.isolation})
     * @throws ConfigException naming the field that breaks a rule
     */
    public void validate(String prefix) {
        if (isolationAddresses.size() > MAX_ISOLATION_ADDRESSES) {
            throw new ConfigException(prefix + ".isolationAddresses", "at most " + MAX_ISOLATION_ADDRESSES
                    + " addresses (VMware: das.isolationaddress0..9), was " + isolationAddresses.size());
        }
        for (int i = 0; i < isolationAddresses.size(); i++) {
            String a = isolationAddresses.get(i);
            if (a.isBlank() || a.chars().anyMatch(Character::isWhitespace)) {
                throw new ConfigException(prefix + ".isolationAddresses[" + i + "]",
                        "must be an IP address or host name, was \"" + a + "\"");
            }
        }
        if (policyDelayMs < MIN_POLICY_DELAY_MS) {
            throw new ConfigException(prefix + ".policyDelayMs", "must be >= " + MIN_POLICY_DELAY_MS
                    + " (VMware's minimum das.config.fdm.isolationPolicyDelaySec is 30 s), was " + policyDelayMs);
        }
        if (shutdownTimeoutMs <= 0) {
            throw new ConfigException(prefix + ".shutdownTimeoutMs", "must be > 0 (milliseconds), was " + shutdownTimeoutMs);
        }
    }
}
