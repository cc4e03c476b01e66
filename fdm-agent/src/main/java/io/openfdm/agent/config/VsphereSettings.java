package io.openfdm.agent.config;

import io.openfdm.core.config.ConfigException;
import io.openfdm.core.model.HostId;
import io.openfdm.hostd.vsphere.PowerOnMode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code "vsphere"} section of {@code agent.json}: how the agent reaches vCenter (or its host's
 * ESXi endpoint) when {@code "hypervisor": "vsphere"}.
 *
 * @param url                 the SDK URL, {@code https://vcenter.example/sdk}
 * @param user                user name
 * @param passwordFile        file holding the password (its first line; read at start, so the
 *                            password never sits in agent.json)
 * @param insecure            accept any server certificate (self-signed lab vCenter, vcsim)
 * @param host                the host MOID this agent powers VMs on (default: the agent's host)
 * @param powerOnMode         {@code auto}, {@code host-argument} or {@code relocate} ({@link PowerOnMode})
 * @param datastorePaths      datastore name to local directory, for datastores whose vSphere URL is
 *                            not where this host mounts them
 * @param connectTimeoutMs    TCP connect timeout per vSphere call, ms
 * @param readTimeoutMs       answer timeout per vSphere call, ms
 * @param taskTimeoutMs       longest wait for one vSphere task (relocate, power-on, register), ms
 * @param inventoryIntervalMs how often the agent reads its host's VMs from vSphere, ms
 */
public record VsphereSettings(URI url, String user, Path passwordFile, boolean insecure, HostId host,
                              PowerOnMode powerOnMode, Map<String, Path> datastorePaths, int connectTimeoutMs,
                              int readTimeoutMs, long taskTimeoutMs, long inventoryIntervalMs) {
    /** Default connect timeout: a LAN vCenter answers a TCP SYN in far less than 5 s. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
    /** Default read timeout: property reads and task creation answer within seconds. */
    public static final int DEFAULT_READ_TIMEOUT_MS = 10_000;
    /** Default task timeout: a power-on that takes over a minute is stuck. */
    public static final long DEFAULT_TASK_TIMEOUT_MS = 60_000;
    /**
     * Default inventory read interval, 1 s: the same period as the agent's own refresh of the
     * simulated hypervisor; one {@code RetrievePropertiesEx} per agent per second.
     */
    public static final long DEFAULT_INVENTORY_INTERVAL_MS = 1_000;

    public VsphereSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(powerOnMode, "powerOnMode");
        datastorePaths = Map.copyOf(datastorePaths);
    }

    /**
     * Reads the password: the first line of {@link #passwordFile}, without its line end.
     *
     * @throws ConfigException on {@code agent.vsphere.passwordFile} if the file is missing,
     *                         unreadable or empty
     */
    public String readPassword() {
        String text;
        try {
            text = Files.readString(passwordFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("agent.vsphere.passwordFile", "file not found: " + passwordFile);
        } catch (IOException e) {
            throw new ConfigException("agent.vsphere.passwordFile", "cannot read " + passwordFile + ": " + e.getMessage());
        }
        String password = text.lines().findFirst().orElse("");
        if (password.isEmpty()) {
            throw new ConfigException("agent.vsphere.passwordFile", "is empty: " + passwordFile);
        }
        return password;
    }
}
