package io.openfdm.cli.cluster;

import io.openfdm.cli.CliException;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The {@code --base-address} of a local cluster: an IPv4 address whose last octet grows by one per
 * host (127.0.0.11, .12, ...), all inside its /24.
 */
public final class BaseAddress {
    /** The four octets, each 0-255, the last not 0. */
    private final int[] octets;

    private BaseAddress(int[] octets) {
        this.octets = octets;
    }

    /**
     * Parses and checks {@code text}.
     *
     * @throws CliException (usage) naming {@code --base-address} when it is not an IPv4 address or ends in .0
     */
    public static BaseAddress parse(String text) {
        String problem = "--base-address must be an IPv4 address like 127.0.0.11, was " + text;
        String[] parts = text.split("\\.", -1);
        try {
            if (parts.length != 4 || !(InetAddress.getByName(text) instanceof Inet4Address)) {
                throw CliException.usage(problem);
            }
        } catch (UnknownHostException e) {
            throw CliException.usage(problem);
        }
        int[] o = new int[4];
        for (int i = 0; i < 4; i++) {
            try {
                o[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw CliException.usage(problem);
            }
            if (o[i] < 0 || o[i] > 255) {
                throw CliException.usage(problem);
            }
        }
        if (o[3] == 0) {
            throw CliException.usage("--base-address must not end in .0");
        }
        return new BaseAddress(o);
    }

    /** The address {@code offset} past this one (offset 0: this address). */
    public String plus(int offset) {
        return octets[0] + "." + octets[1] + "." + octets[2] + "." + (octets[3] + offset);
    }

    /** @throws CliException (usage) when {@code hosts} consecutive addresses leave the /24 */
    public BaseAddress requireRoomFor(int hosts) {
        int last = octets[3];
        if (last + hosts - 1 > 254) {
            throw CliException.usage("--base-address " + plus(0) + " leaves no room for " + hosts
                    + " hosts in its /24 (last octet " + last + " + " + (hosts - 1) + " > 254)");
        }
        return this;
    }
}
