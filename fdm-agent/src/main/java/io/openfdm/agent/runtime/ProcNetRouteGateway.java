package io.openfdm.agent.runtime;

import io.openfdm.core.env.DefaultGateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The production {@link DefaultGateway}: the gateway of the first default route (destination
 * {@code 00000000}, mask {@code 00000000}, flags {@code RTF_UP|RTF_GATEWAY}) in Linux's
 * {@code /proc/net/route}, read at each call. Addresses there are IPv4 in hexadecimal, least
 * significant byte first ({@code 010200C0} is 192.0.2.1). No default route, an unreadable file or
 * an unparsable line: empty.
 */
final class ProcNetRouteGateway implements DefaultGateway {
    static final Path PROC_NET_ROUTE = Path.of("/proc/net/route");
    private static final int RTF_UP = 0x1;
    private static final int RTF_GATEWAY = 0x2;

    private final Path routeFile;

    ProcNetRouteGateway() {
        this(PROC_NET_ROUTE);
    }

    ProcNetRouteGateway(Path routeFile) {
        this.routeFile = routeFile;
    }

    @Override
    public Optional<String> address() {
        List<String> lines;
        try {
            lines = Files.readAllLines(routeFile, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return parse(lines);
    }

    /** The default gateway in the lines of a {@code /proc/net/route} file (header line first). */
    static Optional<String> parse(List<String> lines) {
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            try {
                long destination = Long.parseLong(f[1], 16);
                long gateway = Long.parseLong(f[2], 16);
                int flags = Integer.parseInt(f[3], 16);
                long mask = Long.parseLong(f[7], 16);
                if (destination == 0 && mask == 0 && gateway != 0 && (flags & RTF_UP) != 0 && (flags & RTF_GATEWAY) != 0) {
                    return Optional.of((gateway & 0xff) + "." + ((gateway >> 8) & 0xff) + "." + ((gateway >> 16) & 0xff)
                            + "." + ((gateway >> 24) & 0xff));
                }
            } catch (NumberFormatException e) {
                // not a route line
            }
        }
        return Optional.empty();
    }
}
