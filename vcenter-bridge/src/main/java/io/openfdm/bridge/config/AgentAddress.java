package io.openfdm.bridge.config;

import java.net.InetSocketAddress;

/**
 * Where a host's agent listens: UDP for its peers, TCP for the bridge's pushes (VMware FDM uses
 * TCP and UDP 8182 likewise).
 *
 * @param ip   an IP address literal
 * @param port 1-65535
 */
public record AgentAddress(String ip, int port) {
    /** FDM's agent port. */
    public static final int DEFAULT_PORT = 8182;

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(ip, port);
    }

    @Override
    public String toString() {
        return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
