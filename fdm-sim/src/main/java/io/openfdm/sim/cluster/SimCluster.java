package io.openfdm.sim.cluster;

import io.openfdm.agent.node.AgentNode;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.poweron.PoweredOffMarker;
import io.openfdm.datastore.poweron.PoweronFiles;
import io.openfdm.datastore.poweron.PoweronRecord;
import io.openfdm.hostd.sim.SimulatedHypervisor;
import io.openfdm.hostd.sim.VmConfig;
import io.openfdm.sim.check.Invariant;
import io.openfdm.sim.host.SimHost;
import io.openfdm.sim.host.Timeline;
import io.openfdm.sim.net.SimNetwork;
import io.openfdm.sim.scenario.ClusterDescription;
import io.openfdm.sim.scenario.ClusterDescription.HostDescription;
import io.openfdm.sim.scenario.ClusterDescription.VmDescription;
import io.openfdm.sim.scenario.Command;
import io.openfdm.sim.scenario.CommandList;
import io.openfdm.sim.storage.SimDatastores;
import io.openfdm.sim.time.Scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A whole simulated cluster: scheduler, network, datastores and one {@link SimHost} per member,
 * built from a scenario's {@link ClusterDescription}.
 *
 * <p>At virtual time 0 every datastore is created, every VM's configuration is written to its
 * home datastore naming its host, every host boots (file order) and powers its VMs on. From
 * there, {@link #schedule} places scenario commands on the timeline and {@link #runUntil} runs
 * the scheduler, checking every {@link Invariant} after every event; a broken invariant or an
 * exception from an agent becomes a {@link SimulationFailure} carrying the seed and the replay
 * command.
 *
 * <p>Randomness: one {@link SplittableRandom} from the seed, split in a fixed order (network,
 * commands, then one per host), so adding a host does not change the network's choices.
 */
public final class SimCluster {
    /** Bytes a {@code corrupt} command writes over a file. */
    public static final int CORRUPT_LENGTH = 64;

    private final ClusterDescription description;
    private final ClusterConfig config;
    private final String replay;
    private final Scheduler scheduler = new Scheduler();
    private final Timeline timeline = new Timeline();
    private final SimDatastores datastores = new SimDatastores();
    private final SimNetwork network;
    private final SplittableRandom commandRandom;
    private final Map<HostId, SimHost> hosts = new LinkedHashMap<>();
    private final List<Invariant> invariants = new ArrayList<>();
    /** Counter of poweron files written by {@code poweron} commands. */
    private long poweronCounter;
    private final FaultInjector faults;
    private List<SimHost> hostList;
    /** {@link #running()} of the current round of checkers; null between rounds. */
    private Map<HostId, List<VmId>> running;

    /**
     * Builds the cluster and boots it at virtual time 0 (no event has run yet).
     *
     * @param description the cluster file
     * @param replay      command line that replays this run, printed with every failure
     */
    public SimCluster(ClusterDescription description, String replay) {
        this.description = description;
        this.config = description.toClusterConfig();
        this.replay = replay;
        SplittableRandom root = new SplittableRandom(description.seed());
        this.network = new SimNetwork(scheduler, root.split());
        this.commandRandom = root.split();
        for (String ds : description.datastores()) {
            datastores.addDatastore(ds);
        }
        for (HostDescription h : description.hosts()) {
            for (String ds : h.datastores()) {
                datastores.connect(h.id(), ds);
            }
            hosts.put(h.id(), new SimHost(h.id(), config, scheduler, network, datastores, timeline, root.split(),
                    (requester, vm) -> DiskLocks.holder(this, requester, vm)));
        }
        for (VmDescription vm : description.vms()) {
            SimulatedHypervisor.createVm(datastores.view(vm.host()), vm.datastore(), new VmConfig(vm.id(),
                    vm.id().moid(), vm.cpuMhz(), vm.memoryMb(), vm.priority(), vm.host()));
        }
        this.faults = new FaultInjector(this, commandRandom);
        guarded(() -> {
            for (SimHost host : hosts.values()) {
                host.boot(description.vms().stream().filter(vm -> vm.host().equals(host.id()))
                        .map(VmDescription::id).toList());
            }
        });
    }

    /** Adds a checker run after every event from now on. */
    public SimCluster check(Invariant invariant) {
        invariants.add(invariant);
        return this;
    }

    public ClusterDescription description() {
        return description;
    }

    public ClusterConfig config() {
        return config;
    }

    public long seed() {
        return description.seed();
    }

    public String replay() {
        return replay;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Virtual time, milliseconds since the start. */
    public long nowMs() {
        return scheduler.nowMs();
    }

    public Timeline timeline() {
        return timeline;
    }

    public SimNetwork network() {
        return network;
    }

    public SimDatastores datastores() {
        return datastores;
    }

    /**
     * Datastores whose protectedlist a {@code tear} damaged in this run (storage damage outside
     * {@code writeAtomic}'s contract): the master rebuilds such a list from the reports of live
     * hosts, so protection of VMs on hosts that are down then is lost, and the liveness checkers
     * exempt these datastores' VMs.
     */
    public java.util.Set<String> damagedProtectedLists() {
        return faults.damagedProtectedLists();
    }

    /** Every host, in cluster-file order. */
    public List<SimHost> hosts() {
        if (hostList == null || hostList.size() != hosts.size()) {
            hostList = List.copyOf(hosts.values());
        }
        return hostList;
    }

    /**
     * The VMs powered on on each host now (empty lists for hosts that are off), computed once per
     * round of checkers so that they need not each ask every hypervisor.
     */
    public Map<HostId, List<VmId>> running() {
        if (running == null) {
            Map<HostId, List<VmId>> now = new LinkedHashMap<>();
            for (SimHost host : hosts.values()) {
                now.put(host.id(), host.poweredOnVms());
            }
            running = now;
        }
        return running;
    }

    /** @throws IllegalArgumentException for a host not in the cluster */
    /**
     * Register and power-on calls a simulated VMFS lock refused so far, over every host: restarts
     * attempted while the VM still ran elsewhere with its disks (see {@code DiskLocks}).
     */
    public long lockRefusals() {
        long n = 0;
        for (SimHost h : hosts.values()) {
            n += h.lockRefusals();
        }
        return n;
    }

    public SimHost host(HostId id) {
        SimHost host = hosts.get(id);
        if (host == null) {
            throw new IllegalArgumentException("no host " + id);
        }
        return host;
    }

    /** Places every command of {@code list} on the timeline (each runs at its {@code atMs}). */
    public void schedule(CommandList list) {
        for (CommandList.Timed t : list.commands()) {
            scheduler.at(t.atMs(), () -> apply(t.command()));
        }
    }

    /**
     * Runs until virtual time {@code endMs}, checking every invariant after every event.
     *
     * @throws SimulationFailure when an invariant breaks or an agent throws
     */
    public void runUntil(long endMs) {
        guarded(() -> scheduler.runUntil(endMs, this::checkAll));
    }

    /** Runs {@code invariant} once now, with the same failure reporting as {@link #runUntil}. */
    public void checkNow(Invariant invariant) {
        running = null;
        guarded(() -> invariant.check(this));
    }

    /** Performs one scenario command now and writes it to the timeline. */
    public void apply(Command command) {
        timeline.command(nowMs(), command.text());
        if (command instanceof Command.Power p) {
            if (p.on()) {
                host(p.host()).boot();
            } else {
                host(p.host()).crash();
            }
        } else if (command instanceof Command.Shutdown s) {
            host(s.host()).shutdown();
        } else if (command instanceof Command.Network n) {
            if (n.on()) {
                network.restore(n.host());
            } else {
                network.cut(n.host());
            }
        } else if (command instanceof Command.Partition p) {
            network.partition(p.groups());
        } else if (command instanceof Command.Heal) {
            network.heal();
        } else if (command instanceof Command.Storage s) {
            if (s.on()) {
                datastores.connect(s.host(), s.datastore());
                DiskLocks.regained(this, s.host(), s.datastore());
            } else {
                datastores.disconnect(s.host(), s.datastore());
            }
        } else if (command instanceof Command.Loss l) {
            network.setFaults(network.faults().withLoss(l.probability()));
        } else if (command instanceof Command.Duplicate d) {
            network.setFaults(network.faults().withDuplicates(d.probability()));
        } else if (command instanceof Command.Jitter j) {
            network.setFaults(network.faults().withJitter(j.jitterMs()));
        } else if (command instanceof Command.FailPowerOn f) {
            for (SimHost host : hosts.values()) {
                host.hypervisor().ifPresent(h -> h.failNextPowerOns(f.vm(), f.count(), "injected by scenario"));
            }
        } else if (command instanceof Command.Corrupt c) {
            if (!datastores.corrupt(c.datastore(), c.path(), commandRandom, CORRUPT_LENGTH)) {
                timeline.command(nowMs(), "(corrupt: no file " + c.path() + " on " + c.datastore() + ")");
            }
        } else if (command instanceof Command.Agent a) {
            agent(a);
        } else if (command instanceof Command.Datastore d) {
            datastores.allPathsDown(d.datastore(), !d.on());
        } else if (command instanceof Command.Poweron p) {
            writePoweron(p);
        } else if (command instanceof Command.IsolationPowerOff o) {
            isolationPowerOff(o);
        } else if (command instanceof Command.WallJump w) {
            host(w.host()).clock().jumpWall(w.deltaMs());
        } else if (command instanceof Command.HostModeChange m) {
            hostModeChange(m);
        } else if (command instanceof Command.HangGuest g) {
            hangGuest(g);
        } else if (command instanceof Command.GuestBoot b) {
            for (SimHost host : hosts.values()) {
                host.guestBoot(b.bootMs());
            }
        } else if (command instanceof Command.Fault f) {
            faults.apply(f);
        } else {
            throw new IllegalArgumentException("unhandled command " + command.text());
        }
    }

    /** The operator's mode change reaches the host's agent; a powered-off host cannot take it. */
    private void hostModeChange(Command.HostModeChange m) {
        SimHost host = host(m.host());
        if (!host.live()) {
            timeline.command(nowMs(), "(" + m.text() + ": " + m.host() + " is powered off)");
            return;
        }
        HostMode current = host.node().hostMode();
        if (!m.enter() && current != m.mode()) {
            timeline.command(nowMs(), "(" + m.text() + ": " + m.host() + " is in " + current.displayName() + " mode)");
            return;
        }
        host.node().setHostMode(m.enter() ? m.mode() : HostMode.NORMAL, host.nowMs());
    }

    /**
     * Starts or stops a host's agent; a host that is powered off, or whose agent already is in
     * that state (a crash or a watchdog restart came first), takes nothing, which the timeline notes.
     */
    private void agent(Command.Agent a) {
        SimHost host = host(a.host());
        if (!host.powered() || host.live() == a.start()) {
            timeline.command(nowMs(), "(" + a.text() + ": " + a.host() + (!host.powered() ? " is powered off"
                    : a.start() ? "'s agent already runs" : "'s agent is not running") + ")");
            return;
        }
        if (a.start()) {
            host.startAgent();
        } else {
            host.stopAgent();
        }
    }

    /** Hangs the guest on every live host that runs the VM powered on. */
    private void hangGuest(Command.HangGuest g) {
        boolean hung = false;
        for (SimHost host : hosts.values()) {
            if (host.poweredOnVms().contains(g.vm())) {
                host.hypervisor().orElseThrow().hangGuest(g.vm());
                hung = true;
            }
        }
        if (!hung) {
            timeline.command(nowMs(), "(hang-guest: " + g.vm() + " runs nowhere)");
        }
    }

    /**
     * Appends the cluster's state now to the timeline as {@code sim/end} lines: each host
     * ({@code host-1 off}, {@code host-2 master}, {@code host-3 slave of host-2},
     * {@code host-4 election}), then each VM of the cluster file ({@code vm-1 on host-2},
     * {@code vm-2 off}; a VM powered on on several hosts lists them all).
     */
    public void summarize() {
        for (SimHost host : hosts.values()) {
            String state;
            if (!host.poweredOn()) {
                state = "off";
            } else if (!host.live()) {
                state = "agent stopped";
            } else {
                AgentNode node = host.node();
                state = switch (node.role()) {
                    case MASTER -> node.isolated() ? "master (isolated)" : "master";
                    case SLAVE -> "slave of " + node.master();
                    case ELECTION -> "election";
                };
                if (node.hostMode() != HostMode.NORMAL) {
                    state += " (" + node.hostMode().displayName() + " mode)";
                }
            }
            timeline.summary(nowMs(), host.id() + " " + state);
        }
        for (VmDescription vm : description.vms()) {
            List<String> on = new ArrayList<>();
            for (SimHost host : hosts.values()) {
                if (host.poweredOnVms().contains(vm.id())) {
                    on.add(host.id().moid());
                }
            }
            timeline.summary(nowMs(), vm.id() + (on.isEmpty() ? " off" : " on " + String.join(",", on)));
        }
    }

    /** Writes the host's poweron file on every datastore it reaches (a stand-in for its agent's write). */
    private void writePoweron(Command.Poweron p) {
        SimHost host = host(p.host());
        PoweronFiles files = new PoweronFiles(datastores.view(p.host()), config.clusterId());
        PoweronRecord record = new PoweronRecord(p.host(), p.isolated(), p.vms(), ++poweronCounter, host.clock().wallMs());
        for (String ds : datastores.reachableFrom(p.host())) {
            files.write(ds, record);
        }
    }

    /**
     * The host powers the VM off and writes its poweredoff marker on the VM's home datastore, if
     * it reaches it (a stand-in for its agent's isolation response).
     */
    private void isolationPowerOff(Command.IsolationPowerOff o) {
        SimHost host = host(o.host());
        host.hypervisor().ifPresent(h -> h.powerOff(o.vm()));
        String ds = description.vm(o.vm()).orElseThrow().datastore();
        if (datastores.reaches(o.host(), ds)) {
            new PoweronFiles(datastores.view(o.host()), config.clusterId())
                    .writeMarker(ds, new PoweredOffMarker(o.vm(), o.host(), host.agentBootId(), "powerOff", host.clock().wallMs()));
        }
    }

    private void checkAll() {
        running = null;
        for (Invariant invariant : invariants) {
            invariant.check(this);
        }
    }

    private void guarded(Runnable body) {
        try {
            body.run();
        } catch (SimulationFailure e) {
            throw e;
        } catch (RuntimeException | AssertionError e) {
            throw new SimulationFailure(seed(), nowMs(), replay, e);
        }
    }
}
