package io.openfdm.master;

import io.openfdm.core.model.HostId;
import io.openfdm.datastore.protectedlist.ProtectedVm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the host a VM restarts on, for one placement round. No I/O, deterministic.
 *
 * <p>A host qualifies when it is live, can reach the VM's home datastore, has unreserved CPU and
 * memory for the VM's reservations (capacity from the configuration minus the reservations of its
 * powered-on VMs and of restarts already sent to it) and fewer than the per-host limit of
 * power-ons in flight (FDM: {@code das.perHostConcurrentFailoversLimit}, 32). Among qualifying
 * hosts the one with the most free memory wins, then the most free CPU, then the fewest VMs, then
 * the smaller MOID: restarts spread over the cluster instead of piling onto one host (FDM spreads
 * restarts to avoid a boot storm, vSphere HA Deepdive).
 */
final class Placement {

    /** One host's remaining room in this round. */
    static final class Room {
        final HostId host;
        final Set<String> datastores;
        long freeCpuMhz;
        long freeMemoryMb;
        int vms;
        int inFlight;

        Room(HostId host, Set<String> datastores, long freeCpuMhz, long freeMemoryMb, int vms, int inFlight) {
            this.host = host;
            this.datastores = datastores;
            this.freeCpuMhz = freeCpuMhz;
            this.freeMemoryMb = freeMemoryMb;
            this.vms = vms;
            this.inFlight = inFlight;
        }
    }

    private static final Comparator<Room> BEST_FIRST = Comparator
            .comparingLong((Room r) -> r.freeMemoryMb).reversed()
            .thenComparing(Comparator.comparingLong((Room r) -> r.freeCpuMhz).reversed())
            .thenComparingInt(r -> r.vms)
            .thenComparing(r -> r.host);

    private final List<Room> rooms;
    private final int maxInFlightPerHost;

    Placement(List<Room> rooms, int maxInFlightPerHost) {
        this.rooms = new ArrayList<>(rooms);
        this.maxInFlightPerHost = maxInFlightPerHost;
    }

    /**
     * Picks a host for {@code vm} and debits its room, preferring hosts not in {@code avoid}
     * (hosts where this VM already failed to power on). Empty when no host qualifies.
     */
    Optional<HostId> place(ProtectedVm vm, Set<HostId> avoid) {
        Optional<Room> best = rooms.stream()
                .filter(r -> fits(r, vm) && !avoid.contains(r.host))
                .min(BEST_FIRST);
        if (best.isEmpty()) {
            best = rooms.stream().filter(r -> fits(r, vm)).min(BEST_FIRST);
        }
        best.ifPresent(r -> {
            r.freeCpuMhz -= vm.cpuMhz();
            r.freeMemoryMb -= vm.memoryMb();
            r.vms++;
            r.inFlight++;
        });
        return best.map(r -> r.host);
    }

    private boolean fits(Room r, ProtectedVm vm) {
        return r.datastores.contains(vm.homeDatastore())
                && r.freeCpuMhz >= vm.cpuMhz()
                && r.freeMemoryMb >= vm.memoryMb()
                && r.inFlight < maxInFlightPerHost;
    }
}
