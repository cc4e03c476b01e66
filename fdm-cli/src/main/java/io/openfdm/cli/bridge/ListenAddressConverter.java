package io.openfdm.cli.bridge;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code IP:PORT} for {@code --listen}: an IPv4 literal (no name lookups) and a port 0-65535 (0: any free port). */
public final class ListenAddressConverter implements ITypeConverter<InetSocketAddress> {
    @Override
    public InetSocketAddress convert(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new TypeConversionException("expected IP:PORT, e.g. 127.0.0.1:8480, got '" + value + "'");
        }
        String ip = value.substring(0, colon);
        if (!ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new TypeConversionException("expected an IPv4 address in '" + value + "'");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("port must be a number in '" + value + "'");
        }
        if (port < 0 || port > 65535) {
            throw new TypeConversionException("port must be 0-65535 in '" + value + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new TypeConversionException("not an IPv4 address: '" + ip + "'");
        }
    }
}
