package io.openfdm.master.hoststate;

import java.util.Locale;

/**
 * Whether pinging a host's management address can tell anything about that host.
 *
 * <p>A loopback address ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost}) cannot: agents that
 * share one machine (the demo, the real-process tests) all answer on loopback, so the ping would
 * report every killed agent as {@code fdmUnreachable} and nothing would be restarted. Such a host
 * is decided without the ping, as FDM decides without one when it cannot ping.
 */
public final class ManagementAddress {
    private ManagementAddress() {
    }

    /** @param address an IP literal or host name from {@code HostSpec.address} */
    public static boolean probeable(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        String a = address.strip().toLowerCase(Locale.ROOT);
        return !(a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1") || a.equals("localhost"));
    }
}
