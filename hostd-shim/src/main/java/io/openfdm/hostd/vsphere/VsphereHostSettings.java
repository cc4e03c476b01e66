package io.openfdm.hostd.vsphere;

import io.openfdm.core.model.HostId;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link VsphereHypervisor} needs besides the connection.
 *
 * @param host           the host MOID this hypervisor serves ({@code host-21}; {@code ha-host} on an
 *                       ESXi endpoint)
 * @param powerOnMode    how a VM is powered on on this host
 * @param datastorePaths datastore name to local directory, overriding the URL vSphere reports
 * @param taskTimeoutMs  the longest wait for one vSphere task (power-on, relocate, register), ms
 */
public record VsphereHostSettings(HostId host, PowerOnMode powerOnMode, Map<String, Path> datastorePaths,
                                  long taskTimeoutMs) {
    /** Default task timeout, milliseconds: vCenter powers a VM on in seconds; a minute means it is stuck. */
    public static final long DEFAULT_TASK_TIMEOUT_MS = 60_000;

    public VsphereHostSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(powerOnMode, "powerOnMode");
        datastorePaths = Map.copyOf(datastorePaths);
        if (taskTimeoutMs <= 0) {
            throw new IllegalArgumentException("taskTimeoutMs must be > 0, was " + taskTimeoutMs);
        }
    }

    public static VsphereHostSettings of(HostId host, PowerOnMode mode) {
        return new VsphereHostSettings(host, mode, Map.of(), DEFAULT_TASK_TIMEOUT_MS);
    }
}
