package io.openfdm.agent.config;

import io.openfdm.agent.config.AgentFile.AdminEntry;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.model.HostId;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Reads and writes {@code agent.json}, one agent's settings ({@code fdm agent --config agent.json}):
 * <pre>
 * {"host": "host-1",
 *  "stateDir": "/x/hosts/host-1/state",
 *  "clusterConfig": "/x/cluster.json",
 *  "admin": {"address": "127.0.0.11", "port": 8190},
 *  "hypervisor": "simulated"}                 // optional, "simulated" (the only one)
 * </pre>
 * Relative paths resolve against the file's directory. The admin endpoint must listen on a
 * loopback address (127.0.0.0/8 or ::1): it can power VMs on and off, so it is never exposed to
 * the network. Membership of {@code host} in the cluster is checked by
 * {@link AgentConfig#requireMemberOf} once the cluster configuration is known.
 */
public final class AgentConfigFiles {
    public static final String SIMULATED = "simulated";

    private AgentConfigFiles() {
    }

    /**
     * Reads and checks an agent configuration file.
     *
     * @throws ConfigException naming the field ({@code agent.admin.address}) and rule, or the file
     *                         and line/column for malformed JSON
     */
    public static AgentConfig read(Path file) {
        AgentFile f = JsonFiles.read(file, AgentFile.class, "agent");
        try {
            return toConfig(f, file.toAbsolutePath().getParent());
        } catch (ConfigException e) {
            throw new ConfigException(e.field(), e.rule() + " (in " + file + ")");
        }
    }

    /**
     * Writes an agent configuration in the format {@link #read} takes, atomically; paths are written
     * as given.
     *
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, AgentConfig config) {
        JsonFiles.write(file, new AgentFile(config.host().moid(), config.stateDir().toString(),
                config.clusterConfigFile().toString(),
                new AdminEntry(config.admin().getAddress().getHostAddress(), config.admin().getPort()), config.hypervisor()));
    }

    private static AgentConfig toConfig(AgentFile f, Path baseDir) {
        if (f.host() == null || f.host().isBlank()) {
            throw new ConfigException("agent.host", "is required (this host's MOID, e.g. host-1)");
        }
        Path stateDir = path(baseDir, f.stateDir(), "agent.stateDir");
        Path cluster = path(baseDir, f.clusterConfig(), "agent.clusterConfig");
        AdminEntry admin = f.admin();
        if (admin == null) {
            throw new ConfigException("agent.admin", "is required: {\"address\": \"127.0.0.x\", \"port\": n}");
        }
        if (admin.address() == null || admin.address().isBlank()) {
            throw new ConfigException("agent.admin.address", "is required (a loopback address such as 127.0.0.11)");
        }
        InetAddress address = IpLiterals.parse(admin.address()).orElseThrow(() ->
                new ConfigException("agent.admin.address", "must be an IP address literal, was " + admin.address()));
        if (!address.isLoopbackAddress()) {
            throw new ConfigException("agent.admin.address",
                    "must be a loopback address (127.0.0.0/8 or ::1) so the admin endpoint is not reachable from the network, was "
                            + admin.address());
        }
        if (admin.port() == null || admin.port() < 1 || admin.port() > 65535) {
            throw new ConfigException("agent.admin.port", "must be 1-65535, was " + admin.port());
        }
        String hypervisor = f.hypervisor() == null ? SIMULATED : f.hypervisor();
        if (!hypervisor.equals(SIMULATED)) {
            throw new ConfigException("agent.hypervisor", "must be \"simulated\" (the only hypervisor adapter in this build), was \""
                    + hypervisor + "\"");
        }
        return new AgentConfig(HostId.of(f.host()), stateDir, cluster, new InetSocketAddress(address, admin.port()), hypervisor);
    }

    private static Path path(Path baseDir, String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(field, "is required (a path; relative paths resolve against the file's directory)");
        }
        try {
            return baseDir.resolve(value).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(field, "is not a valid path: " + e.getMessage());
        }
    }
}
