package io.openfdm.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A host's administrative mode, as vSphere's {@code HostRuntimeInfo.inMaintenanceMode} and
 * {@code HostSystemPowerState.standBy} describe it. An operator sets it ({@code fdm host
 * maintenance|standby enter|exit MOID}); the host's agent keeps it in its local store and tells the
 * master in every {@code SlaveHeartbeat}.
 *
 * <p>Rules (VMware's documented behaviour, vSphere HA Deepdive; reference sheet §1 "When an
 * election starts"): a host in {@link #MAINTENANCE} or {@link #STANDBY} is not a restart target,
 * does not become master (a master entering either mode resigns, which starts an election), and
 * the VMs it still runs are not restarted when it goes down: a standby host powered off by DPM, or
 * a host shut down for maintenance, is not a failure.
 */
public enum HostMode {
    /** In service: a restart target and a master candidate. */
    NORMAL,
    /** In maintenance mode (vSphere {@code inMaintenanceMode}). */
    MAINTENANCE,
    /** In standby mode (vSphere DPM's {@code standBy}: about to be, or already, powered off). */
    STANDBY;

    /** False in maintenance and standby: such a host takes no restarts and does not become master. */
    public boolean inService() {
        return this == NORMAL;
    }

    /** The lower-case name used in status output and the admin API: {@code normal}, {@code maintenance}, {@code standby}. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #displayName()} (case-insensitive). */
    public static Optional<HostMode> fromDisplayName(String name) {
        return Arrays.stream(values()).filter(m -> m.displayName().equalsIgnoreCase(name)).findFirst();
    }

    /** {@code normal, maintenance, standby}, for error messages. */
    public static String displayNames() {
        return Arrays.stream(values()).map(HostMode::displayName).collect(Collectors.joining(", "));
    }
}
