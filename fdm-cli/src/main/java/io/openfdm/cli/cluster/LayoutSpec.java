package io.openfdm.cli.cluster;

import io.openfdm.cli.CliException;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
        int last = baseOctets()[3];
        if (last + hosts - 1 > 254) {
            throw CliException.usage("--base-address " + baseAddress + " leaves no room for " + hosts
                    + " hosts in its /24 (last octet " + last + " + " + (hosts - 1) + " > 254)");
        }
        return this;
    }

    /** The address of host {@code i} (1-based). */
    public String hostAddress(int i) {
        int[] o = baseOctets();
        return o[0] + "." + o[1] + "." + o[2] + "." + (o[3] + i - 1);
    }

    private int[] baseOctets() {
        String[] parts = baseAddress.split("\\.", -1);
        try {
            if (parts.length != 4 || !(InetAddress.getByName(baseAddress) instanceof Inet4Address)) {
                throw CliException.usage("--base-address must be an IPv4 address like 127.0.0.11, was " + baseAddress);
            }
        } catch (UnknownHostException e) {
            throw CliException.usage("--base-address must be an IPv4 address like 127.0.0.11, was " + baseAddress);
        }
        int[] o = new int[4];
        for (int i = 0; i < 4; i++) {
            try {
                o[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw CliException.usage("--base-address must be an IPv4 address like 127.0.0.11, was " + baseAddress);
            }
            if (o[i] < 0 || o[i] > 255) {
                throw CliException.usage("--base-address must be an IPv4 address like 127.0.0.11, was " + baseAddress);
            }
        }
        if (o[3] == 0) {
            throw CliException.usage("--base-address must not end in .0");
        }
        return o;
    }

    private static void range(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw CliException.usage(String.format(Locale.ROOT, "%s must be %d-%d, was %d", option, min, max, value));
        }
    }
}
