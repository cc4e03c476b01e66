package io.openfdm.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a host does with its running VMs once it has declared itself isolated: vSphere's
 * {@code ClusterDasVmSettingsIsolationResponse}, by the same wire names. Shutdown waits
 * {@code das.isolationShutdownTimeout} (300 s) for the guest and then powers off (vSphere HA
 * Deepdive, fundamental concepts).
 *
 * <p>An isolated host applies it to each of its running VMs once the isolation policy delay has
 * passed ({@link IsolationPolicy}), and only where another master owns the VM's home datastore or
 * the host has lost access to it.
 */
public enum IsolationResponse {
    /** "Disabled", formerly "Leave powered on": the vSphere default since 5.0. */
    NONE("none"),
    /** Power the VMs off at once. */
    POWER_OFF("powerOff"),
    /** Shut the guests down, power off after the shutdown timeout. */
    SHUTDOWN("shutdown");

    private final String wireName;

    IsolationResponse(String wireName) {
        this.wireName = wireName;
    }

    /** The vSphere name: {@code none}, {@code powerOff} or {@code shutdown}. */
    public String wireName() {
        return wireName;
    }

    /** The response with this vSphere name (exact case), if it is one. */
    public static Optional<IsolationResponse> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }

    /**
     * The response with this vSphere name (exact case).
     *
     * @throws IllegalArgumentException naming the accepted names if it is not one
     */
    public static IsolationResponse of(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException(
                "isolation response must be one of " + wireNames() + ", was " + name));
    }

    /** Every vSphere name, for error messages: {@code [none, powerOff, shutdown]}. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(IsolationResponse::wireName).toList();
    }
}
