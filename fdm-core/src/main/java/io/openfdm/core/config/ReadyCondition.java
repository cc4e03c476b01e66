package io.openfdm.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * When a restarted VM counts as "ready", so that VMs of the next lower restart priority (and VMs
 * that depend on it) may start: vSphere's {@code ClusterVmReadiness.readyCondition} (6.5+, [API
 * ClusterVmReadiness]), by vSphere's names where they exist.
 */
public enum ReadyCondition {
    /**
     * No wait between priorities (vSphere's default): each placement round still starts higher
     * priorities first, but a lower priority does not wait for anything. A dependency rule then
     * waits for {@link #POWERED_ON}.
     */
    NONE("none"),
    /** The VM's host reports it powered on. */
    POWERED_ON("poweredOn"),
    /** The VM's host reports its guest heartbeat GREEN (vSphere: {@code guestHbStatusGreen}). */
    GUEST_HEARTBEAT("guestHeartbeat");

    private final String wireName;

    ReadyCondition(String wireName) {
        this.wireName = wireName;
    }

    /** {@code none}, {@code poweredOn} or {@code guestHeartbeat}. */
    public String wireName() {
        return wireName;
    }

    /** The condition with this name (exact case); vSphere's {@code guestHbStatusGreen} is accepted too. */
    public static Optional<ReadyCondition> fromWireName(String name) {
        if ("guestHbStatusGreen".equals(name)) {
            return Optional.of(GUEST_HEARTBEAT);
        }
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }

    /** Every name, for error messages. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ReadyCondition::wireName).toList();
    }
}
