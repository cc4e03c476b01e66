package io.openfdm.agent.runtime;

import io.openfdm.core.env.AddressProbe;

import java.io.IOException;
import java.net.InetAddress;

/**
 * The production {@link AddressProbe}: {@link InetAddress#isReachable(int)}, which sends an ICMP
 * echo request when the process may (root or {@code CAP_NET_RAW}) and otherwise tries a TCP
 * connection to the echo port (7); a refused connection counts as an answer. FDM pings with ICMP
 * (vSphere HA Deepdive, {@code das.isolationaddress}).
 */
final class InetAddressProbe implements AddressProbe {
    @Override
    public boolean answers(String address, long timeoutMs) {
        try {
            return InetAddress.getByName(address).isReachable((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMs)));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
