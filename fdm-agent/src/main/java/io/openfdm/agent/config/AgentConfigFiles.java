package io.openfdm.agent.config;

import io.openfdm.agent.config.AgentFile.AdminEntry;
import io.openfdm.agent.config.AgentFile.VsphereEntry;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.model.HostId;
import io.openfdm.hostd.vsphere.PowerOnMode;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes {@code agent.json}, one agent's settings ({@code fdm agent --config agent.json}):
 * <pre>
 * {"host": "host-1",
 *  "stateDir": "/x/hosts/host-1/state",
 *  "clusterConfig": "/x/cluster.json",
 *  "admin": {"address": "127.0.0.11", "port": 8190},
 *  "hypervisor": "simulated"}                 // optional: "simulated" (default) or "vsphere"
 * </pre>
 * With {@code "hypervisor": "vsphere"} a {@code "vsphere"} section is required:
 * <pre>
 * "vsphere": {"url": "https://vcenter.example/sdk",   // required, http(s)
 *             "user": "administrator@vsphere.local",  // required
 *             "passwordFile": "vcenter.password",     // required; first line is the password
 *             "insecure": false,                      // optional: accept self-signed certificates
 *             "hostMoid": "host-21",                  // optional, default: "host"
 *             "powerOnMode": "auto",                  // optional: auto | host-argument | relocate
 *             "datastorePaths": {"ds-1": "/mnt/ds-1"},// optional: name -> local directory
 *             "connectTimeoutMs": 5000, "readTimeoutMs": 10000,           // optional
 *             "taskTimeoutMs": 60000, "inventoryIntervalMs": 1000}        // optional
 * </pre>
 * Relative paths resolve against the file's directory. The admin endpoint must listen on a
 * loopback address (127.0.0.0/8 or ::1): it can power VMs on and off, so it is never exposed to
 * the network. Membership of {@code host} in the cluster is checked by
 * {@link AgentConfig#requireMemberOf} once the cluster configuration is known.
 */
public final class AgentConfigFiles {
    public static final String SIMULATED = "simulated";
    public static final String VSPHERE = "vsphere";

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
                new AdminEntry(config.admin().getAddress().getHostAddress(), config.admin().getPort()), config.hypervisor(),
                config.vsphere() == null ? null : toEntry(config.vsphere())));
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
        if (!hypervisor.equals(SIMULATED) && !hypervisor.equals(VSPHERE)) {
            throw new ConfigException("agent.hypervisor", "must be \"simulated\" or \"vsphere\", was \"" + hypervisor + "\"");
        }
        VsphereSettings vsphere = null;
        if (hypervisor.equals(VSPHERE)) {
            if (f.vsphere() == null) {
                throw new ConfigException("agent.vsphere", "is required with \"hypervisor\": \"vsphere\": "
                        + "{\"url\": \"https://vcenter/sdk\", \"user\": ..., \"passwordFile\": ...}");
            }
            vsphere = toVsphere(f.vsphere(), HostId.of(f.host()), baseDir);
        } else if (f.vsphere() != null) {
            throw new ConfigException("agent.vsphere", "is only used with \"hypervisor\": \"vsphere\" (hypervisor is \""
                    + hypervisor + "\")");
        }
        return new AgentConfig(HostId.of(f.host()), stateDir, cluster, new InetSocketAddress(address, admin.port()), hypervisor,
                vsphere);
    }

    private static VsphereSettings toVsphere(VsphereEntry v, HostId agentHost, Path baseDir) {
        if (v.url() == null || v.url().isBlank()) {
            throw new ConfigException("agent.vsphere.url", "is required (the SDK URL, e.g. https://vcenter.example/sdk)");
        }
        URI url;
        try {
            url = new URI(v.url());
            io.openfdm.vsphere.VsphereEndpoint.of(url, "u", "p", false); // the endpoint's own URL rules
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ConfigException("agent.vsphere.url", "must be http(s)://host[:port][/sdk], was \"" + v.url() + "\"");
        }
        if (v.user() == null || v.user().isBlank()) {
            throw new ConfigException("agent.vsphere.user", "is required");
        }
        Path passwordFile = path(baseDir, v.passwordFile(), "agent.vsphere.passwordFile");
        HostId host = agentHost;
        if (v.hostMoid() != null) {
            if (v.hostMoid().isBlank()) {
                throw new ConfigException("agent.vsphere.hostMoid", "must not be blank (omit it to use \"host\")");
            }
            host = HostId.of(v.hostMoid());
        }
        PowerOnMode mode = PowerOnMode.AUTO;
        if (v.powerOnMode() != null) {
            try {
                mode = PowerOnMode.parse(v.powerOnMode());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("agent.vsphere.powerOnMode", e.getMessage());
            }
        }
        Map<String, Path> datastorePaths = new TreeMap<>();
        if (v.datastorePaths() != null) {
            for (Map.Entry<String, String> e : v.datastorePaths().entrySet()) {
                datastorePaths.put(e.getKey(), path(baseDir, e.getValue(), "agent.vsphere.datastorePaths." + e.getKey()));
            }
        }
        int connectTimeoutMs = positive(v.connectTimeoutMs(), VsphereSettings.DEFAULT_CONNECT_TIMEOUT_MS,
                "agent.vsphere.connectTimeoutMs");
        int readTimeoutMs = positive(v.readTimeoutMs(), VsphereSettings.DEFAULT_READ_TIMEOUT_MS, "agent.vsphere.readTimeoutMs");
        long taskTimeoutMs = positive(v.taskTimeoutMs(), VsphereSettings.DEFAULT_TASK_TIMEOUT_MS, "agent.vsphere.taskTimeoutMs");
        long inventoryIntervalMs = positive(v.inventoryIntervalMs(), VsphereSettings.DEFAULT_INVENTORY_INTERVAL_MS,
                "agent.vsphere.inventoryIntervalMs");
        return new VsphereSettings(url, v.user(), passwordFile, Boolean.TRUE.equals(v.insecure()), host, mode,
                datastorePaths, connectTimeoutMs, readTimeoutMs, taskTimeoutMs, inventoryIntervalMs);
    }

    private static int positive(Integer value, int otherwise, String field) {
        return (int) positive(value == null ? null : value.longValue(), otherwise, field);
    }

    private static long positive(Long value, long otherwise, String field) {
        if (value == null) {
            return otherwise;
        }
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new ConfigException(field, "must be a positive number of milliseconds, was " + value);
        }
        return value;
    }

    private static VsphereEntry toEntry(VsphereSettings v) {
        Map<String, String> paths = new TreeMap<>();
        v.datastorePaths().forEach((name, p) -> paths.put(name, p.toString()));
        return new VsphereEntry(v.url().toString(), v.user(), v.passwordFile().toString(), v.insecure(), v.host().moid(),
                v.powerOnMode().configName(), paths, v.connectTimeoutMs(), v.readTimeoutMs(), v.taskTimeoutMs(),
                v.inventoryIntervalMs());
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
