package io.openfdm.cli.cluster;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The content of a new local cluster, computed before anything is written:
 * <ul>
 *   <li>datastores {@code ds-1..ds-D} at {@code DIR/datastores/ds-j};</li>
 *   <li>hosts {@code host-1..host-N} at consecutive addresses from the base address, UDP port
 *       {@value LayoutSpec#AGENT_PORT}, every host reaching every datastore, 20000 MHz and
 *       65536 MiB each;</li>
 *   <li>VMs {@code vm-1..vm-V} named {@code app-01..}, reserving 256 MHz and 512 MiB, priorities
 *       cycling low, medium, high, homes round-robin over the datastores, registered round-robin
 *       on the hosts;</li>
 *   <li>a random 32-byte cluster key and the chosen timing profile.</li>
 * </ul>
 *
 * @param dir     the cluster directory (absolute)
 * @param spec    what was asked for
 * @param config  the cluster configuration, validated
 * @param vms     the VMs to create
 */
public record LayoutPlan(Path dir, LayoutSpec spec, ClusterConfig config, List<PlannedVm> vms) {
    /** CPU capacity of each simulated host, in MHz. */
    public static final int HOST_CPU_MHZ = 20_000;
    /** Memory capacity of each simulated host, in MiB. */
    public static final int HOST_MEMORY_MB = 65_536;
    /** CPU reservation of each VM, in MHz. */
    public static final int VM_CPU_MHZ = 256;
    /** Memory reservation of each VM, in MiB. */
    public static final int VM_MEMORY_MB = 512;
    private static final RestartPriority[] PRIORITIES = {RestartPriority.LOW, RestartPriority.MEDIUM, RestartPriority.HIGH};

    /**
     * One VM of the plan.
     *
     * @param id        MOID ({@code vm-K})
     * @param name      display name ({@code app-KK})
     * @param datastore home datastore
     * @param host      host it is registered and powered on on
     * @param priority  restart priority
     */
    public record PlannedVm(VmId id, String name, String datastore, HostId host, RestartPriority priority) {
    }

    /**
     * Computes the plan. @throws io.openfdm.cli.CliException (usage) for an out-of-range spec
     */
    public static LayoutPlan of(Path dir, LayoutSpec spec, SecureRandom random) {
        spec.validate();
        Path abs = dir.toAbsolutePath().normalize();
        List<DatastoreSpec> datastores = new ArrayList<>();
        for (int j = 1; j <= spec.datastores(); j++) {
            datastores.add(new DatastoreSpec("ds-" + j, abs.resolve("datastores").resolve("ds-" + j).toString()));
        }
        List<String> dsNames = datastores.stream().map(DatastoreSpec::name).toList();
        List<HostSpec> hosts = new ArrayList<>();
        for (int i = 1; i <= spec.hosts(); i++) {
            hosts.add(new HostSpec(HostId.of("host-" + i), spec.hostAddress(i), LayoutSpec.AGENT_PORT, dsNames,
                    HOST_CPU_MHZ, HOST_MEMORY_MB));
        }
        byte[] key = new byte[32];
        random.nextBytes(key);
        Timing timing = spec.timingProfile().equals("aggressive") ? Timing.aggressive() : Timing.defaults();
        ClusterConfig config = new ClusterConfig(spec.clusterId(), 1, HexFormat.of().formatHex(key), hosts,
                datastores, List.of(), Math.min(2, spec.datastores()), timing).validate();
        List<PlannedVm> vms = new ArrayList<>();
        for (int k = 1; k <= spec.vms(); k++) {
            vms.add(new PlannedVm(VmId.of("vm-" + k), String.format(Locale.ROOT, "app-%02d", k),
                    dsNames.get((k - 1) % dsNames.size()), hosts.get((k - 1) % hosts.size()).id(),
                    PRIORITIES[(k - 1) % PRIORITIES.length]));
        }
        return new LayoutPlan(abs, spec, config, List.copyOf(vms));
    }

    /** The VMs registered on {@code host}. */
    public List<PlannedVm> vmsOn(HostId host) {
        return vms.stream().filter(v -> v.host().equals(host)).toList();
    }

    /** The host's directory. */
    public LocalHost localHost(HostId host) {
        return new LocalHost(host.moid(), dir.resolve("hosts").resolve(host.moid()));
    }
}
