package io.openfdm.master;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.protectedlist.ProtectedVm;
import io.openfdm.master.restart.FailoverHostPreference;
import io.openfdm.master.restart.PlacementRules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
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
 *
 * <p>VM-host and VM-VM rules ({@link PlacementRules}) are checked inside {@link #place}: a host a
 * hard rule forbids (must run on, anti-affinity) never qualifies; among the qualifying hosts, the
 * ones the VM did not fail on come first, then the dedicated failover hosts when the admission
 * control policy is {@code failoverHosts} ({@link FailoverHostPreference}: vSphere HA restarts on a
 * failover host first and on the other hosts only when no failover host can take the VM), then the
 * ones the soft rules prefer (affinity partners there, in a "should run on" group), then the order
 * above.
 */
public final class Placement {

    /** One host's remaining room in this round. */
    public static final class Room {
        final HostId host;
        final Set<String> datastores;
        long freeCpuMhz;
        long freeMemoryMb;
        int vms;
        int inFlight;
        /** VMs running on the host or being started there (for VM-VM rules); grows as VMs are placed. */
        final Set<VmId> residents;

        /**
         * @param host         the host
         * @param datastores   datastores it reaches
         * @param freeCpuMhz   unreserved CPU, MHz
         * @param freeMemoryMb unreserved memory, MiB
         * @param vms          powered-on VMs
         * @param inFlight     power-ons in flight to it
         * @param residents    VMs running there or being started there
         */
        public Room(HostId host, Set<String> datastores, long freeCpuMhz, long freeMemoryMb, int vms, int inFlight,
                    Set<VmId> residents) {
            this.host = host;
            this.datastores = datastores;
            this.freeCpuMhz = freeCpuMhz;
            this.freeMemoryMb = freeMemoryMb;
            this.vms = vms;
            this.inFlight = inFlight;
            this.residents = new HashSet<>(residents);
        }

        /** A room with no residents known (no VM-VM rule can apply to it). */
        public Room(HostId host, Set<String> datastores, long freeCpuMhz, long freeMemoryMb, int vms, int inFlight) {
            this(host, datastores, freeCpuMhz, freeMemoryMb, vms, inFlight, Set.of());
        }
    }

    private static final Comparator<Room> BEST_FIRST = Comparator
            .comparingLong((Room r) -> r.freeMemoryMb).reversed()
            .thenComparing(Comparator.comparingLong((Room r) -> r.freeCpuMhz).reversed())
            .thenComparingInt(r -> r.vms)
            .thenComparing(r -> r.host);

    private final List<Room> rooms;
    private final int maxInFlightPerHost;
    private final PlacementRules rules;
    private final FailoverHostPreference failoverHosts;

    /** A placement with no VM-host or VM-VM rules. */
    public Placement(List<Room> rooms, int maxInFlightPerHost) {
        this(rooms, maxInFlightPerHost, PlacementRules.none());
    }

    /**
     * @param rooms              every live host's room this round
     * @param maxInFlightPerHost power-ons in flight per host (FDM: 32)
     * @param rules              VM-host and VM-VM rules
     */
    public Placement(List<Room> rooms, int maxInFlightPerHost, PlacementRules rules) {
        this(rooms, maxInFlightPerHost, rules, FailoverHostPreference.none());
    }

    /**
     * @param rooms              every live host's room this round
     * @param maxInFlightPerHost power-ons in flight per host (FDM: 32)
     * @param rules              VM-host and VM-VM rules
     * @param failoverHosts      the hosts tried first (the failoverHosts admission control policy)
     */
    public Placement(List<Room> rooms, int maxInFlightPerHost, PlacementRules rules, FailoverHostPreference failoverHosts) {
        this.rooms = new ArrayList<>(rooms);
        this.maxInFlightPerHost = maxInFlightPerHost;
        this.rules = rules;
        this.failoverHosts = failoverHosts;
    }

    /**
     * Picks a host for {@code vm} and debits its room: among the hosts that qualify (see the class
     * comment), those not in {@code avoid} (hosts where this VM already failed to power on) first,
     * then the failover hosts.
     * Empty when no host qualifies; {@link #refusal} then says why.
     */
    public Optional<HostId> place(ProtectedVm vm, Set<HostId> avoid) {
        Comparator<Room> order = Comparator.comparingInt((Room r) -> avoid.contains(r.host) ? 1 : 0)
                .thenComparingInt(r -> failoverHosts.rank(r.host))
                .thenComparingInt(r -> rules.preference(vm.vm(), r.host, r.residents))
                .thenComparing(BEST_FIRST);
        Optional<Room> best = rooms.stream()
                .filter(r -> fits(r, vm) && rules.forbids(vm.vm(), r.host, r.residents).isEmpty())
                .min(order);
        best.ifPresent(r -> {
            r.freeCpuMhz -= vm.cpuMhz();
            r.freeMemoryMb -= vm.memoryMb();
            r.vms++;
            r.inFlight++;
            r.residents.add(vm.vm());
        });
        return best.map(r -> r.host);
    }

    /** Why {@link #place} found no host for {@code vm}, for the journal and {@code fdm plan}. */
    public String refusal(ProtectedVm vm) {
        List<Room> fitting = rooms.stream().filter(r -> fits(r, vm)).toList();
        if (fitting.isEmpty()) {
            return "no live host reaches " + vm.homeDatastore() + " with room for it";
        }
        List<String> why = new ArrayList<>();
        for (Room r : fitting) {
            rules.forbids(vm.vm(), r.host, r.residents).ifPresent(w -> why.add(r.host + ": " + w));
        }
        return "every host with room is excluded by a rule: " + String.join("; ", why);
    }

    private boolean fits(Room r, ProtectedVm vm) {
        return r.datastores.contains(vm.homeDatastore())
                && r.freeCpuMhz >= vm.cpuMhz()
                && r.freeMemoryMb >= vm.memoryMb()
                && r.inFlight < maxInFlightPerHost;
    }
}
