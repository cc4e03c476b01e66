package io.openfdm.cli.demo.vcsim;

import io.openfdm.cli.cluster.BaseAddress;
import io.openfdm.cli.CliException;

import java.nio.file.Path;

/**
 * What {@code fdm demo --vcsim} builds and how long it waits.
 *
 * @param dir               the demo's directory (bridge state, agent files and logs, vCenter password)
 * @param hosts             hosts in the vcsim cluster ({@code vcsim -host}), 3-64
 * @param datastores        datastores ({@code vcsim -ds}), 1-8
 * @param vms               VMs in the cluster ({@code vcsim -vm}, one resource pool), at least one per host, at most 2000
 * @param timingProfile     the agents' timer profile, {@code default} or {@code aggressive}
 * @param baseAddress       IPv4 address of the first host's agent; host i gets the address i-1 above it
 *                          (the layout: 127.0.0.11-14)
 * @param agentPort         every agent's UDP and push TCP port (FDM: 8182)
 * @param protectTimeoutMs  longest wait from the agents' start until every VM is protected, milliseconds
 * @param recoveryTimeoutMs longest wait from the host failure until its VMs run again, milliseconds
 * @param vcsimDelayMs      a slow vCenter: vcsim answers every call after this many milliseconds
 *                          ({@code vcsim -delay}); 0 for none
 */
public record VcsimDemoSpec(Path dir, int hosts, int datastores, int vms, String timingProfile, String baseAddress,
                            int agentPort, long protectTimeoutMs, long recoveryTimeoutMs, int vcsimDelayMs) {
    public static final int DEFAULT_HOSTS = 4;
    public static final int DEFAULT_DATASTORES = 2;
    public static final int DEFAULT_VMS = 16;
    public static final int MAX_HOSTS = 64;
    public static final int MAX_DATASTORES = 8;
    public static final int MAX_VMS = 2000;
    public static final long DEFAULT_PROTECT_TIMEOUT_MS = 60_000;
    public static final long DEFAULT_RECOVERY_TIMEOUT_MS = 60_000;
    /**
     * Largest {@code --vcsim-delay}: the agents' vSphere read timeout is 10 s, and a power-on on
     * vcsim takes about six calls, so beyond 1 s per call restarts take many seconds per VM.
     */
    public static final int MAX_VCSIM_DELAY_MS = 1_000;

    /** The layout with default timers, no delay. */
    public static VcsimDemoSpec defaults(Path dir, String baseAddress) {
        return new VcsimDemoSpec(dir, DEFAULT_HOSTS, DEFAULT_DATASTORES, DEFAULT_VMS, "default", baseAddress, 8182,
                DEFAULT_PROTECT_TIMEOUT_MS, DEFAULT_RECOVERY_TIMEOUT_MS, 0);
    }

    /**
     * Checks the ranges.
     *
     * @throws CliException (usage) naming the option that is out of range
     */
    public VcsimDemoSpec validate() {
        range("--hosts", hosts, 3, MAX_HOSTS);
        range("--datastores", datastores, 1, MAX_DATASTORES);
        range("--vms", vms, hosts, MAX_VMS);
        range("--agent-port", agentPort, 1, 65535);
        range("--vcsim-delay", vcsimDelayMs, 0, MAX_VCSIM_DELAY_MS);
        if (!timingProfile.equals("default") && !timingProfile.equals("aggressive")) {
            throw CliException.usage("--timing must be default or aggressive, was " + timingProfile);
        }
        BaseAddress.parse(baseAddress).requireRoomFor(hosts);
        return this;
    }

    /** This spec in another directory. */
    public VcsimDemoSpec withDir(Path newDir) {
        return new VcsimDemoSpec(newDir, hosts, datastores, vms, timingProfile, baseAddress, agentPort, protectTimeoutMs,
                recoveryTimeoutMs, vcsimDelayMs);
    }

    /** The agent address of host {@code i} (0-based, in vCenter's host name order). */
    public String agentAddress(int i) {
        return BaseAddress.parse(baseAddress).plus(i);
    }

    private static void range(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw CliException.usage(option + " must be " + min + "-" + max + " for the vcsim demo, was " + value);
        }
    }
}
