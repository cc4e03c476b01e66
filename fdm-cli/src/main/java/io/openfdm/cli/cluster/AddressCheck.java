package io.openfdm.cli.cluster;

import io.openfdm.cli.CliException;
import io.openfdm.core.config.HostSpec;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Before starting local agents: every host address must be bindable on this machine (Linux
 * routes all of 127.0.0.0/8 to the loopback interface; macOS needs an alias per address), and its
 * agent UDP port and admin TCP port must be free.
 */
public final class AddressCheck {
    private AddressCheck() {
    }

    /**
     * @param hosts     the hosts to start
     * @param adminPort each host's admin TCP port
     * @throws CliException (usage) naming the first address that cannot be bound, or the port in use
     */
    public static void check(List<HostSpec> hosts, int adminPort) {
        for (HostSpec h : hosts) {
            InetAddress addr;
            try {
                addr = InetAddress.getByName(h.address());
            } catch (IOException e) {
                throw CliException.usage("bad host address " + h.address() + ": " + e.getMessage());
            }
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(addr, 0))) {
                s.getLocalPort();
            } catch (IOException e) {
                throw CliException.usage("cannot bind " + h.address() + " (" + e.getMessage() + "). Linux binds all of"
                        + " 127.0.0.0/8 on lo; elsewhere add an alias (macOS: sudo ifconfig lo0 alias "
                        + h.address() + " up) or choose --base-address");
            }
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(addr, h.port()))) {
                s.getLocalPort();
            } catch (BindException e) {
                throw inUse(h.address(), "UDP", h.port());
            } catch (IOException e) {
                throw CliException.usage("cannot bind UDP " + h.address() + ":" + h.port() + ": " + e.getMessage());
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(addr, adminPort));
            } catch (BindException e) {
                throw inUse(h.address(), "TCP", adminPort);
            } catch (IOException e) {
                throw CliException.usage("cannot bind TCP " + h.address() + ":" + adminPort + ": " + e.getMessage());
            }
        }
    }

    private static CliException inUse(String address, String proto, int port) {
        return CliException.usage(proto + " " + address + ":" + port + " is already in use; is another local"
                + " cluster running (fdm cluster status)? Stop it, or use another --base-address (e.g. 127.0.1.11)");
    }
}
