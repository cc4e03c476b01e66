package io.openfdm.master;

import io.openfdm.core.model.HostId;
import io.openfdm.core.status.CapacityStatus;
import io.openfdm.core.status.RestartPlan;
import io.openfdm.core.status.RestartPlan.Step;
import io.openfdm.datastore.protectedlist.ProtectedVm;
import io.openfdm.master.admission.HostCapacity;
import io.openfdm.master.admission.VmDemand;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code fdm plan --fail host-3,host-5}: what this master would do if those hosts failed now.
 * It runs the real failure's code on copies: the rooms {@link MasterMachine} builds for a
 * placement round (without the failed hosts), {@link Placement#place} with the master's VM-host and
 * VM-VM rules and its failover-host preference, and the master's restart order (agent VMs, FT
 * secondaries, then restart priority). Nothing in the master changes.
 *
 * <p>Waves: a host takes at most {@code maxConcurrentPowerOnsPerHost} power-ons at once (FDM's
 * {@code das.perHostConcurrentFailoversLimit}); a VM that finds every fitting host at that limit
 * is placed in the next wave, once the power-ons in flight have finished, as the master's next
 * placement round would. A VM that fits nowhere even then cannot be placed; the reason names the
 * missing datastore access or the hosts' free room.
 */
final class RestartPlanner {
    private static final int HOSTS_IN_REASON = 3;

    private final MasterMachine m;

    RestartPlanner(MasterMachine m) {
        this.m = m;
    }

    /**
     * @param failed the hosts to assume failed
     * @throws IllegalArgumentException naming a host that is not a member, or when none is given
     */
    RestartPlan plan(List<HostId> failed) {
        if (failed.isEmpty()) {
            throw new IllegalArgumentException("name at least one host to fail");
        }
        Set<HostId> gone = new LinkedHashSet<>();
        for (HostId h : failed) {
            if (!m.hosts().containsKey(h)) {
                throw new IllegalArgumentException("unknown host " + h + " (members: "
                        + m.hosts().keySet().stream().map(HostId::moid).collect(Collectors.joining(", ")) + ")");
            }
            gone.add(h);
        }
        List<String> notes = notes(gone);

        // The VMs of the failed hosts, as restarts in the master's order.
        List<Restart> restarts = new ArrayList<>();
        for (DatastoreBook book : m.books().values()) {
            if (!book.loaded) {
                continue;
            }
            for (ProtectedVm vm : book.vms.values()) {
                if (vm.host() != null && gone.contains(vm.host())) {
                    restarts.add(new Restart(vm.vm(), book.name, vm.host(), 0));
                }
            }
        }
        restarts.sort(MasterMachine.RESTART_ORDER_BY_PRIORITY.apply(m));

        List<Placement.Room> rooms = new ArrayList<>(m.rooms().stream().filter(r -> !gone.contains(r.host)).toList());
        Map<Restart, HostId> target = new HashMap<>();
        Map<Restart, Integer> waveOf = new HashMap<>();
        boolean monitoring = m.config().haPolicy().hostMonitoring();
        List<Restart> pending = monitoring ? new ArrayList<>(restarts) : List.of();
        int wave = 1;
        while (!pending.isEmpty()) {
            Placement placement = new Placement(rooms, m.config().timing().maxConcurrentPowerOnsPerHost(), m.placementRules(),
                    m.failoverHosts());
            List<Restart> next = new ArrayList<>();
            for (Restart r : pending) {
                Optional<HostId> t = placement.place(m.entryOf(r).orElseThrow(), Set.of());
                if (t.isPresent()) {
                    target.put(r, t.get());
                    waveOf.put(r, wave);
                } else {
                    next.add(r);
                }
            }
            if (next.size() == pending.size()) {
                break;
            }
            rooms.forEach(room -> room.inFlight = 0); // the wave's power-ons have finished
            pending = next;
            wave++;
        }

        List<Restart> ordered = new ArrayList<>(restarts);
        ordered.sort(Comparator.comparingInt((Restart r) -> waveOf.getOrDefault(r, Integer.MAX_VALUE)));
        List<Step> steps = new ArrayList<>();
        for (Restart r : ordered) {
            ProtectedVm vm = m.entryOf(r).orElseThrow();
            HostId t = target.get(r);
            String action;
            String reason = "";
            if (!monitoring) {
                action = "none";
                reason = "host monitoring is disabled: nothing is restarted";
            } else if (t == null) {
                action = "none";
                reason = whyUnplaced(vm, rooms, gone);
            } else {
                action = vm.priority().rank() > 0 ? "powerOn" : "register";
            }
            steps.add(new Step(steps.size() + 1, t == null ? 0 : waveOf.get(r), vm.vm().moid(), vm.name(),
                    vm.priority().name().toLowerCase(Locale.ROOT), vm.host().moid(), vm.homeDatastore(), vm.cpuMhz(),
                    vm.memoryMb(), action, t == null ? "" : t.moid(), reason, m.restartClassOf(vm.vm()).wireName()));
        }
        return new RestartPlan(m.self().moid(), gone.stream().map(HostId::moid).toList(), notes, steps,
                capacityAfter(gone, restarts, target));
    }

    private List<String> notes(Set<HostId> gone) {
        List<String> notes = new ArrayList<>();
        if (!m.config().haPolicy().hostMonitoring()) {
            notes.add("host monitoring is disabled for this cluster: the VMs of failed hosts stay protected but are not restarted");
        }
        for (HostId h : gone) {
            HostRecord rec = m.hosts().get(h);
            if (h.equals(m.self())) {
                notes.add(h + " is this master: the hosts would elect a new master, which restarts these VMs;"
                        + " this plan uses this master's view");
            } else if (!rec.live()) {
                notes.add(h + " is already " + rec.state.vsphereName());
            }
        }
        for (HostRecord rec : m.hosts().values()) {
            if (!gone.contains(rec.id()) && rec.live() && !rec.reported) {
                notes.add(rec.id() + " has not reported its VMs to this master yet and takes no VMs until it does");
            }
        }
        Set<String> notLoaded = new TreeSet<>();
        for (DatastoreBook book : m.books().values()) {
            if (!book.loaded) {
                notLoaded.add(book.name);
            }
        }
        if (!notLoaded.isEmpty()) {
            notes.add("this master does not hold the protectedlist of " + String.join(", ", notLoaded)
                    + ": VMs homed there are not in this plan");
        }
        if (m.restarts().size() > 0) {
            notes.add(m.restarts().size() + " restart" + (m.restarts().size() == 1 ? " is" : "s are")
                    + " already under way and keep the room they have");
        }
        return notes;
    }

    /** Why no room took {@code vm}, from what the rooms have left after the plan's placements. */
    private static String whyUnplaced(ProtectedVm vm, List<Placement.Room> rooms, Set<HostId> gone) {
        if (rooms.isEmpty()) {
            return "no live host is left";
        }
        List<Placement.Room> reaching = rooms.stream().filter(r -> r.datastores.contains(vm.homeDatastore())).toList();
        if (reaching.isEmpty()) {
            return "no surviving host reaches " + vm.homeDatastore();
        }
        List<Placement.Room> withRoom = reaching.stream()
                .filter(r -> r.freeCpuMhz >= vm.cpuMhz() && r.freeMemoryMb >= vm.memoryMb()).toList();
        if (!withRoom.isEmpty()) {
            return "no host that reaches " + vm.homeDatastore() + " qualifies under the placement rules";
        }
        String hosts = reaching.stream().sorted(Comparator.comparingLong((Placement.Room r) -> r.freeMemoryMb).reversed())
                .limit(HOSTS_IN_REASON)
                .map(r -> r.host + " " + r.freeCpuMhz + " MHz, " + r.freeMemoryMb + " MB")
                .collect(Collectors.joining("; "));
        return "no surviving host that reaches " + vm.homeDatastore() + " has " + vm.cpuMhz() + " MHz and " + vm.memoryMb()
                + " MB free (" + hosts + (reaching.size() > HOSTS_IN_REASON ? "; ..." : "") + ")";
    }

    /** The capacity with the failed hosts gone and each placed VM on its target. */
    private CapacityStatus capacityAfter(Set<HostId> gone, List<Restart> restarts, Map<Restart, HostId> target) {
        List<HostCapacity> hosts = new ArrayList<>();
        for (HostCapacity h : CapacityInputs.hosts(m)) {
            hosts.add(gone.contains(h.host()) ? new HostCapacity(h.host(), h.cpuMhz(), h.memoryMb(), false) : h);
        }
        Map<io.openfdm.core.model.VmId, HostId> moved = new HashMap<>();
        target.forEach((r, t) -> moved.put(r.vm, t));
        List<VmDemand> vms = new ArrayList<>();
        for (VmDemand vm : CapacityInputs.vms(m)) {
            HostId to = moved.get(vm.vm());
            vms.add(to == null ? vm : new VmDemand(vm.vm(), to, vm.cpuMhz(), vm.memoryMb()));
        }
        return CapacityInputs.compute(m, hosts, vms);
    }
}
