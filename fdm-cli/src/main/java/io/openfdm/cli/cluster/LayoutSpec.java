package io.openfdm.cli.cluster;

import io.openfdm.cli.CliException;

import java.util.Locale;

/**
 * What {@code fdm cluster up} builds.
 *
 * @param hosts         number of hosts, 1-{@value #MAX_HOSTS}
 * @param datastores    number of datastores, 1-{@value #MAX_DATASTORES}
 * @param vms           number of VMs, 0-{@value #MAX_VMS}
 * @param timingProfile {@code default} or {@code aggressive} (see {@code Timing})
 * @param baseAddress   IPv4 address of host-1; host-i gets the address i-1 above it, all in the
 *                      same /24
 * @param clusterId     the cluster id
 */
public record LayoutSpec(int hosts, int datastores, int vms, String timingProfile, String baseAddress,
                         String clusterId) {
    public static final int MAX_HOSTS = 64;
    public static final int MAX_DATASTORES = 32;
    public static final int MAX_VMS = 2000;
    /** UDP port every agent listens on (FDM uses 8182). */
    public static final int AGENT_PORT = 8182;
    /** TCP port of every agent's admin HTTP endpoint, on the agent's own address. */
    public static final int ADMIN_PORT = 8190;

    /**
     * Checks the ranges. @throws CliException (usage) naming the option that is out of range
     */
    public LayoutSpec validate() {
        range("--hosts", hosts, 1, MAX_HOSTS);
        range("--datastores", datastores, 1, MAX_DATASTORES);
        range("--vms", vms, 0, MAX_VMS);
        if (!timingProfile.equals("default") && !timingProfile.equals("aggressive")) {
            throw CliException.usage("--timing must be default or aggressive, was " + timingProfile);
        }
        BaseAddress.parse(baseAddress).requireRoomFor(hosts);
        return this;
    }

    /** The address of host {@code i} (1-based). */
    public String hostAddress(int i) {
        return BaseAddress.parse(baseAddress).plus(i - 1);
    }

    private static void range(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw CliException.usage(String.format(Locale.ROOT, "%s must be %d-%d, was %d", option, min, max, value));
        }
    }
}
