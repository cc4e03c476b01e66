package io.openfdm.bridge.dasconfig;

import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.config.IsolationResponse;

import java.util.ArrayList;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * vSphere HA's isolation settings to {@link IsolationPolicy} and the cluster's
 * {@link IsolationResponse} (vSphere HA Deepdive, advanced settings; reference sheet §1
 * "Isolation detection"):
 * <ul>
 *   <li>{@code das.isolationaddress0..9}: the isolation addresses, in the order of their number.
 *       A number outside 0-9 is an error (vSphere reads only these ten); so is an empty value.</li>
 *   <li>{@code das.usedefaultisolationaddress}: {@code true}/{@code false}, default true.</li>
 *   <li>{@code das.isolationShutdownTimeout}: seconds, &gt; 0, default 300.</li>
 *   <li>{@code das.config.fdm.isolationPolicyDelaySec}: seconds, &gt;= 0, default 30. Values below
 *       30 are <b>raised to 30 s</b>: VMware's documented minimum since vSphere 5.1.</li>
 *   <li>{@code defaultVmSettings.isolationResponse}: {@code none}, {@code powerOff} or
 *       {@code shutdown}; unset means {@code none} ("leave powered on", vSphere's default since
 *       5.0). {@code clusterIsolationResponse} is a per-VM value and is refused here.</li>
 * </ul>
 */
final class IsolationMapping {
    static final String ADDRESS = "das.isolationaddress";
    static final String USE_DEFAULT = "das.usedefaultisolationaddress";
    static final String SHUTDOWN_TIMEOUT = "das.isolationShutdownTimeout";
    static final String POLICY_DELAY = "das.config.fdm.isolationPolicyDelaySec";
    private static final Pattern ADDRESS_KEY = Pattern.compile(Pattern.quote(ADDRESS) + "(\\d+)");

    private IsolationMapping() {
    }

    /** @throws DasConfigException naming the option that cannot be used */
    static IsolationPolicy policy(DasOptions options) {
        TreeMap<Integer, String> addresses = new TreeMap<>();
        for (String key : options.keys()) {
            Matcher m = ADDRESS_KEY.matcher(key);
            if (!m.matches()) {
                continue;
            }
            int n = m.group(1).length() > 2 ? 99 : Integer.parseInt(m.group(1));
            if (n > 9) {
                throw new DasConfigException(options.field(key), "vSphere reads das.isolationaddress0..9 only");
            }
            String value = options.get(key).orElse("");
            if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
                throw new DasConfigException(options.field(key), "must be an IP address or host name, was \"" + value + "\"");
            }
            addresses.put(n, value);
        }
        boolean useDefault = options.bool(USE_DEFAULT).orElse(true);
        long shutdownTimeoutMs = IsolationPolicy.DEFAULT_SHUTDOWN_TIMEOUT_MS;
        Optional<Long> shutdownS = options.whole(SHUTDOWN_TIMEOUT);
        if (shutdownS.isPresent()) {
            if (shutdownS.get() <= 0) {
                throw new DasConfigException(options.field(SHUTDOWN_TIMEOUT), "must be > 0 seconds, was " + shutdownS.get());
            }
            shutdownTimeoutMs = seconds(shutdownS.get());
        }
        long delayMs = IsolationPolicy.MIN_POLICY_DELAY_MS;
        Optional<Long> delayS = options.whole(POLICY_DELAY);
        if (delayS.isPresent()) {
            if (delayS.get() < 0) {
                throw new DasConfigException(options.field(POLICY_DELAY), "must be >= 0 seconds, was " + delayS.get());
            }
            delayMs = Math.max(IsolationPolicy.MIN_POLICY_DELAY_MS, seconds(delayS.get()));
        }
        return new IsolationPolicy(new ArrayList<>(addresses.values()), useDefault, delayMs, shutdownTimeoutMs);
    }

    /** @throws DasConfigException if the value is not one of vSphere's cluster-level responses */
    static IsolationResponse response(DasFields defaultVmSettings) {
        Optional<String> name = defaultVmSettings.string("isolationResponse");
        if (name.isEmpty()) {
            return IsolationResponse.NONE;
        }
        return IsolationResponse.fromWireName(name.get()).orElseThrow(() -> new DasConfigException(
                defaultVmSettings.field("isolationResponse"), "must be one of " + IsolationResponse.wireNames()
                        + " at the cluster level, was \"" + name.get() + "\""));
    }

    private static long seconds(long s) {
        return Math.multiplyExact(s, 1000L);
    }
}
