package io.openfdm.agent.config;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Parses IP address literals without ever asking DNS (configuration must not depend on name service). */
final class IpLiterals {
    private IpLiterals() {
    }

    /** The address, or empty when {@code text} is not an IPv4 or IPv6 literal. */
    static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text.trim());
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(text.trim(), bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
