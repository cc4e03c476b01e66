package io.openfdm.cli.inspect;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.net.InetSocketAddress;

/** Parses {@code HOST:PORT} (an IPv4 address or name, a port 1-65535) for {@code --agent}. */
public final class HostPortConverter implements ITypeConverter<InetSocketAddress> {
    @Override
    public InetSocketAddress convert(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new TypeConversionException("expected HOST:PORT, e.g. 127.0.0.11:8190, got '" + value + "'");
        }
        String host = value.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("port must be a number in '" + value + "'");
        }
        if (port < 1 || port > 65535) {
            throw new TypeConversionException("port must be 1-65535 in '" + value + "'");
        }
        return new InetSocketAddress(host, port);
    }
}
