package io.openfdm.bridge.config;

import io.openfdm.bridge.inventory.HostRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which address each host's agent has: an override from the bridge's configuration
 * ({@code --agent-address host-21=127.0.0.11[:port]}; the vcsim demo puts its agents on
 * 127.0.0.11-14 because every vcsim host reports 127.0.0.1), else the host's management IP on
 * port {@link AgentAddress#DEFAULT_PORT}.
 */
public final class AgentAddresses {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern OVERRIDE = Pattern.compile("([^=\\s]+)=(\\[[0-9a-fA-F:.]+\\]|[0-9.]+)(?::(\\d+))?");

    private final Map<String, AgentAddress> overrides;

    /** @param overrides host MOID to agent address */
    public AgentAddresses(Map<String, AgentAddress> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    public static AgentAddresses none() {
        return new AgentAddresses(Map.of());
    }

    /**
     * Parses overrides {@code host-21=127.0.0.11}, {@code host-21=127.0.0.11:8183} or
     * {@code host-21=[::1]:8183}.
     *
     * @throws IllegalArgumentException naming the bad entry and the expected form
     */
    public static AgentAddresses parse(List<String> specs) {
        Map<String, AgentAddress> out = new LinkedHashMap<>();
        for (String spec : specs) {
            Matcher m = OVERRIDE.matcher(spec.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("--agent-address " + spec + ": expected HOST-MOID=IP[:PORT], e.g. host-21=127.0.0.11");
            }
            String ip = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
            if (!ip.contains(":") && !validIpv4(ip)) {
                throw new IllegalArgumentException("--agent-address " + spec + ": " + ip + " is not an IPv4 address");
            }
            int port = AgentAddress.DEFAULT_PORT;
            if (m.group(3) != null) {
                port = Integer.parseInt(m.group(3));
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("--agent-address " + spec + ": port must be 1-65535");
                }
            }
            if (out.put(m.group(1), new AgentAddress(ip, port)) != null) {
                throw new IllegalArgumentException("--agent-address: host " + m.group(1) + " is given twice");
            }
        }
        return new AgentAddresses(out);
    }

    private static boolean validIpv4(String ip) {
        Matcher m = IPV4.matcher(ip);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The host's agent address, or empty when it has no override and no management IP. */
    public Optional<AgentAddress> of(HostRecord host) {
        AgentAddress override = overrides.get(host.moid());
        if (override != null) {
            return Optional.of(override);
        }
        if (host.managementAddress() == null || host.managementAddress().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AgentAddress(host.managementAddress(), AgentAddress.DEFAULT_PORT));
    }

    /** The overrides, by host MOID. */
    public Map<String, AgentAddress> overrides() {
        return overrides;
    }
}
