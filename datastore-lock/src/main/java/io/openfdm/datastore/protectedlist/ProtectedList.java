package io.openfdm.datastore.protectedlist;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.file.FileCodec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The protectedlist of one datastore ({@code .vSphere-HA/<cluster>/protectedlist}): the VMs whose
 * home is that datastore and which the lease holder protects. As in VMware HA, a VM counts as
 * protected only once the master has written it here (vSphere HA Deepdive). Stored in a checksummed
 * envelope of kind {@code protectedlist}.
 *
 * <p>Immutable; entries are kept sorted by VM MOID so that equal lists give equal files.
 *
 * @param clusterId  the cluster
 * @param writer     the lease holder that wrote this version
 * @param generation the writer's lease generation when it wrote (fencing token: a reader ignores a
 *                   list whose generation is below the lease generation it knows)
 * @param version    incremented on every write, >= 0
 * @param vms        the entries, no two with the same VM
 */
public record ProtectedList(String clusterId, HostId writer, long generation, long version, List<ProtectedVm> vms) {
    /** File codec, envelope kind {@code protectedlist}. */
    public static final FileCodec<ProtectedList> CODEC = new FileCodec<>("protectedlist", ProtectedList.class);

    public ProtectedList {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(writer, "writer");
        if (generation < 0 || version < 0) {
            throw new IllegalArgumentException("generation and version must be >= 0");
        }
        List<ProtectedVm> sorted = new ArrayList<>(Objects.requireNonNull(vms, "vms"));
        Set<VmId> ids = new HashSet<>();
        for (ProtectedVm vm : sorted) {
            Objects.requireNonNull(vm, "protected VM entry");
            if (!ids.add(vm.vm())) {
                throw new IllegalArgumentException("VM " + vm.vm() + " listed twice");
            }
        }
        sorted.sort(Comparator.comparing(ProtectedVm::vm));
        vms = List.copyOf(sorted);
    }

    /** An empty list, version 0. */
    public static ProtectedList empty(String clusterId, HostId writer, long generation) {
        return new ProtectedList(clusterId, writer, generation, 0, List.of());
    }

    /** A copy with {@code vm} added, or replacing the entry with the same VM ID. Same version. */
    public ProtectedList with(ProtectedVm vm) {
        List<ProtectedVm> next = new ArrayList<>(vms.size() + 1);
        for (ProtectedVm e : vms) {
            if (!e.vm().equals(vm.vm())) {
                next.add(e);
            }
        }
        next.add(vm);
        return new ProtectedList(clusterId, writer, generation, version, next);
    }

    /** A copy without the entry for {@code vm} (unchanged if absent). Same version. */
    public ProtectedList without(VmId vm) {
        List<ProtectedVm> next = new ArrayList<>(vms);
        next.removeIf(e -> e.vm().equals(vm));
        return new ProtectedList(clusterId, writer, generation, version, next);
    }

    /** The entry for {@code vm}, if protected. */
    public Optional<ProtectedVm> find(VmId vm) {
        return vms.stream().filter(e -> e.vm().equals(vm)).findFirst();
    }

    /** The copy to write next: stamped with the writer and its lease generation, version + 1. */
    public ProtectedList nextVersion(HostId newWriter, long newGeneration) {
        return new ProtectedList(clusterId, newWriter, newGeneration, version + 1, vms);
    }
}
