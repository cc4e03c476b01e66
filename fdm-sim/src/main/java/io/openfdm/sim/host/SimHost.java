package io.openfdm.sim.host;

import io.openfdm.agent.node.AgentEnvironment;
import io.openfdm.agent.node.AgentNode;
import io.openfdm.agent.node.HypervisorCalls;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.env.DefaultGateway;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.wire.Message;
import io.openfdm.core.wire.PowerOnRequest;
import io.openfdm.hostd.sim.InMemoryPowerStateStore;
import io.openfdm.hostd.sim.SimulatedHypervisor;
import io.openfdm.sim.net.SimAddressProbe;
import io.openfdm.sim.net.SimNetwork;
import io.openfdm.sim.scenario.Command;
import io.openfdm.sim.storage.SimDatastores;
import io.openfdm.sim.time.Scheduler;
import io.openfdm.sim.time.SimClock;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * One simulated ESXi host: an {@link AgentNode} over a {@link SimulatedHypervisor}, the host's
 * view of the shared datastores, its {@link SimNetwork} transport, an in-memory journal and local
 * store, and a {@link SimClock}.
 *
 * <p>Life cycle, as the scenario commands drive it:
 * <ul>
 *   <li>{@link #boot()} ({@code power host-3 on}): the hypervisor boots from its power-state store
 *       (which survives crashes, as hostd's inventory does), a new agent starts, and the host is
 *       ticked every {@code tickIntervalMs} (of its own, possibly drifting, clock) from a seeded
 *       phase, so hosts do not tick in lock-step.</li>
 *   <li>{@link #crash()} ({@code power host-3 off}): nothing runs any more, no goodbye is sent;
 *       the hypervisor and every VM on it are gone; messages in flight to it are lost.</li>
 *   <li>{@link #shutdown()} ({@code shutdown host-3}): the agent's graceful {@code stop} (a master
 *       resigns and releases its leases), then the host shuts down cleanly with its VMs; they stay
 *       powered off at the next boot (no autostart in an HA cluster,
 *       {@link SimulatedHypervisor#shutdownHost()}).</li>
 *   <li>{@link #stopAgent()} / {@link #startAgent()} ({@code agent host-3 stop|start}): only the
 *       agent dies (no goodbye) or starts again; the hypervisor and its VMs run on and the host's
 *       management address still answers pings, as when FDM's agent crashes on a live ESXi host.</li>
 *   <li>{@link #armCrash} ({@code crash-at}): the host loses power, or only its agent process
 *       dies (its VMs keep running and a watchdog starts a new agent after a delay, as ESXi's
 *       watchdog restarts FDM), right at its k-th datastore write or send: in the middle of a
 *       step, whose remaining actions never happen.</li>
 * </ul>
 * Each agent start is an <em>incarnation</em>; ticks, delayed writes and sends of an earlier
 * incarnation do nothing. The agent's steps run on an {@link AgentThread} that slow datastore
 * I/O blocks ({@link HostDatastoreView}).
 */
public final class SimHost {
    /**
     * Every simulated host's default gateway: an address outside the cluster, so
     * {@link SimAddressProbe} answers for it unless the host's cables are cut.
     */
    public static final String GATEWAY = "10.0.255.254";

    private final HostId id;
    private final ClusterConfig config;
    private final Scheduler scheduler;
    private final SimNetwork network;
    private final SimDatastores datastores;
    private final SplittableRandom random;
    private final SimClock clock;
    private final MemoryJournal journal;
    private final MemoryLocalStore store = new MemoryLocalStore();
    private final InMemoryPowerStateStore powerStates = new InMemoryPowerStateStore();
    private final AgentThread thread = new AgentThread();
    private final HostDatastoreView agentDatastores;
    private final HostTransport agentTransport;
    private final SimDatastoreCalls datastoreCalls;

    private int incarnation;
    private AgentNode node;
    private SimulatedHypervisor hypervisor;
    private final DiskLockHolder locks;
    /** Register and power-on calls refused by a held disk lock, over every agent incarnation. */
    private int lockRefusals;
    private VmfsLockedHypervisor agentHypervisor;
    private CrashTrigger crashTrigger;
    /** An injected crash has struck and takes effect when the step's I/O time has passed. */
    private boolean dying;
    /** The power-on requests delivered to this host's agent in its last step, with their sender. */
    private final List<Delivered> lastStepRequests = new ArrayList<>();
    private final List<VmId> lostLocks = new ArrayList<>();
    /** VMs that were running here when the host went down in maintenance or standby mode. */
    private final Set<VmId> downOutOfService = new TreeSet<>();
    /** The boot id of the running agent (its wall clock at start, as {@code AgentNode} takes it). */
    private long agentBootId;
    /** {@code guest-boot}: how long a guest takes to its first heartbeat, milliseconds. */
    private long guestBootMs;

    /**
     * Guests powered on (or reset) here from now on, and after later boots, send their first
     * heartbeat {@code bootMs} later ({@code guest-boot}).
     */
    public void guestBoot(long bootMs) {
        guestBootMs = bootMs;
        if (hypervisor != null) {
            hypervisor.simulateGuestBoot(bootMs);
        }
    }

    /** A power-on request the agent handled, for the checkers. */
    public record Delivered(HostId from, PowerOnRequest request) {
    }

    /**
     * @param random chooses this host's monotonic clock offset and tick phases; a split of the
     *               run's seed
     */
    public SimHost(HostId id, ClusterConfig config, Scheduler scheduler, SimNetwork network,
                   SimDatastores datastores, Timeline timeline, SplittableRandom random) {
        this(id, config, scheduler, network, datastores, timeline, random, DiskLockHolder.NONE);
    }

    /**
     * @param random chooses this host's monotonic clock offset and tick phases; a split of the
     *               run's seed
     * @param locks  who holds each VM's simulated VMFS lock: the agent's register and power-on
     *               calls fail while another host's running copy holds it ({@link VmfsLockedHypervisor})
     */
    public SimHost(HostId id, ClusterConfig config, Scheduler scheduler, SimNetwork network,
                   SimDatastores datastores, Timeline timeline, SplittableRandom random, DiskLockHolder locks) {
        this.id = id;
        this.locks = locks;
        this.config = config;
        this.scheduler = scheduler;
        this.network = network;
        this.datastores = datastores;
        this.random = random;
        this.clock = new SimClock(scheduler, random.nextLong(1_000_000_000L));
        this.clock.setInStepDelay(thread::inStepMs);
        this.journal = new MemoryJournal(scheduler, timeline);
        this.agentDatastores = new HostDatastoreView(this, datastores, thread, scheduler);
        this.agentTransport = new HostTransport(this, network.transport(id), thread, scheduler);
        this.datastoreCalls = new SimDatastoreCalls(this, datastores, scheduler);
    }

    public HostId id() {
        return id;
    }

    public SimClock clock() {
        return clock;
    }

    public MemoryJournal journal() {
        return journal;
    }

    /** True while the host's agent runs: between a boot (or watchdog restart) and a crash or shutdown. */
    public boolean live() {
        return node != null;
    }

    /** True while the host is powered on (its hypervisor runs), with or without its agent. */
    public boolean powered() {
        return hypervisor != null;
    }

    /** Same as {@link #powered()}. */
    public boolean poweredOn() {
        return powered();
    }

    /** The running agent's boot id (what it stamps in reports and poweredoff markers). */
    public long agentBootId() {
        return agentBootId;
    }

    /** The running agent. @throws IllegalStateException if the agent is down */
    public AgentNode node() {
        requireLive("node");
        return node;
    }

    /** The running hypervisor, or empty when the host is down. */
    public Optional<SimulatedHypervisor> hypervisor() {
        return Optional.ofNullable(hypervisor);
    }

    /** This host's monotonic time, milliseconds: what its agent is given as {@code nowMs}. */
    public long nowMs() {
        return clock.monotonicMs();
    }

    /** VMs powered on here now; empty when the host is down. */
    public List<VmId> poweredOnVms() {
        if (hypervisor == null) {
            return List.of();
        }
        List<VmId> on = new ArrayList<>();
        for (VmInfo vm : hypervisor.listVms()) {
            if (vm.poweredOn()) {
                on.add(vm.id());
            }
        }
        return on;
    }

    /**
     * How many register and power-on calls of this host's agents a simulated VMFS lock refused:
     * restarts attempted while the VM still ran elsewhere with its disks.
     */
    public int lockRefusals() {
        return lockRefusals + (agentHypervisor == null ? 0 : agentHypervisor.refusals());
    }

    /** The power-on requests the agent handled in its last step (for checkers). */
    public List<Delivered> lastStepRequests() {
        return List.copyOf(lastStepRequests);
    }

    /**
     * The hypervisor powered {@code vm} off because it lost its disk lock (see the cluster's
     * {@code DiskLocks}); remembered for {@link #takeLostLocks()}.
     */
    public void lostLock(VmId vm) {
        lostLocks.add(vm);
    }

    /** The VMs powered off for a lost disk lock since the last call (for checkers). */
    public List<VmId> takeLostLocks() {
        List<VmId> out = List.copyOf(lostLocks);
        lostLocks.clear();
        return out;
    }

    /** True when a {@code crash-at} is armed and has not struck yet, or has struck and not taken effect. */
    public boolean crashPending() {
        return crashTrigger != null || dying;
    }

    /** Powers the host on: hypervisor, then a new agent. @throws IllegalStateException if powered */
    public void boot() {
        boot(List.of());
    }

    /**
     * Powers the host on and powers {@code vms} on before the agent starts (the cluster's
     * state at second 0).
     *
     * @throws IllegalStateException if the host is powered on
     */
    public void boot(List<VmId> vms) {
        if (powered()) {
            throw new IllegalStateException(id + " is already powered on");
        }
        hypervisor = SimulatedHypervisor.boot(id, datastores.view(id), () -> datastores.reachableFrom(id), powerStates);
        hypervisor.simulateGuests(clock::monotonicMs, SimulatedHypervisor.DEFAULT_GUEST_SHUTDOWN_MS);
        hypervisor.simulateGuestBoot(guestBootMs);
        for (VmId vm : vms) {
            hypervisor.powerOn(vm);
        }
        startAgentNode();
    }

    /**
     * Kills only the agent ({@code agent host-3 stop}): no goodbye, messages to it are lost; the
     * hypervisor, its VMs and the host's address stay up.
     *
     * @throws IllegalStateException if the agent is not running
     */
    public void stopAgent() {
        requireLive("agent stop");
        stopAgentProcess();
        network.agentStopped(id, true);
    }

    /**
     * Starts a new agent on the running hypervisor ({@code agent host-3 start}).
     *
     * @throws IllegalStateException if the host is off or its agent already runs
     */
    public void startAgent() {
        if (!powered() || live()) {
            throw new IllegalStateException("agent start: " + id + (powered() ? "'s agent already runs" : " is powered off"));
        }
        startAgentNode();
    }

    /** Power cut: no goodbye, VMs gone. @throws IllegalStateException if already off */
    public void crash() {
        if (!powered()) {
            throw new IllegalStateException("crash: " + id + " is powered off");
        }
        noteDownOutOfService();
        stopAgentProcess();
        network.agentStopped(id, false);
        hypervisor = null;
    }

    /** Graceful stop of the agent, then a clean hypervisor shutdown. @throws IllegalStateException if off */
    public void shutdown() {
        if (!powered()) {
            throw new IllegalStateException("shutdown: " + id + " is powered off");
        }
        noteDownOutOfService();
        if (node != null) {
            node.stop(nowMs()); // outside a step: a clean stop waits for its writes, slow or not
        }
        hypervisor.shutdownHost(); // no autostart in an HA cluster: the VMs stay off at the next boot
        stopAgentProcess();
        network.agentStopped(id, false);
        hypervisor = null;
    }

    /**
     * VMs that were powered on here when the host went down in maintenance or standby mode: HA
     * leaves them off by design (VMware: such a host going down is not a failure).
     */
    public Set<VmId> vmsDownOutOfService() {
        return Set.copyOf(downOutOfService);
    }

    private void noteDownOutOfService() {
        if (node != null && !node.hostMode().inService()) {
            downOutOfService.addAll(poweredOnVms());
        }
    }

    /**
     * Arms a {@code crash-at}: counting from now, the {@code k}-th datastore write or send of this
     * host's agent crashes it (replaces an armed one).
     */
    public void armCrash(Command.CrashAt crash) {
        crashTrigger = new CrashTrigger(crash.point(), crash.k(), crash.powerLoss(), crash.restartDelayMs());
    }

    int incarnation() {
        return incarnation;
    }

    CrashTrigger crashTrigger() {
        return crashTrigger;
    }

    private void startAgentNode() {
        network.agentStopped(id, false);
        incarnation++;
        thread.reset();
        dying = false;
        agentBootId = clock.wallMs();
        if (agentHypervisor != null) {
            lockRefusals += agentHypervisor.refusals();
        }
        agentHypervisor = new VmfsLockedHypervisor(id, hypervisor, locks);
        AgentEnvironment env = new AgentEnvironment(agentTransport, agentDatastores, agentHypervisor,
                journal, store, clock, HypervisorCalls.inline(), new SimAddressProbe(id, config, network),
                DefaultGateway.of(GATEWAY), datastoreCalls);
        node = new AgentNode(id, config, env);
        AgentNode started = node;
        int inc = incarnation;
        network.attach(id, (from, message) -> deliver(inc, from, message));
        step(() -> started.start(nowMs()));
        long tickMs = config.timing().tickIntervalMs();
        scheduleTick(incarnation, 1 + random.nextLong(tickMs), tickMs);
    }

    private void stopAgentProcess() {
        network.detach(id);
        node = null;
        dying = false;
        agentDatastores.forgetPending();
        incarnation++;
    }

    private void deliver(int inc, HostId from, Message message) {
        if (incarnation != inc || node == null || dying) {
            return;
        }
        if (thread.busy(scheduler.nowMs())) {
            scheduler.at(thread.busyUntilMs(), () -> deliver(inc, from, message));
            return;
        }
        AgentNode target = node;
        step(() -> {
            if (message instanceof PowerOnRequest request) {
                lastStepRequests.add(new Delivered(from, request));
            }
            target.onMessage(from, message, nowMs());
        });
    }

    /**
     * A slow datastore call ({@link SimDatastoreCalls}) reaches its end: its I/O
     * happens now, outside any step of the agent (it costs the agent thread nothing), and its
     * result is delivered in a step of its own. Nothing happens if the agent that made the call
     * has died meanwhile.
     */
    <T> void completeDatastoreCall(int forIncarnation, java.util.function.Supplier<T> work,
                                   io.openfdm.agent.node.DatastoreCalls.Completion<T> done) {
        if (incarnation != forIncarnation || node == null || dying) {
            return;
        }
        T result;
        try {
            result = work.get();
        } catch (InjectedCrash crash) {
            struck(scheduler.nowMs());
            return;
        }
        deliverDatastoreResult(forIncarnation, () -> done.done(result, nowMs(), true));
    }

    private void deliverDatastoreResult(int forIncarnation, Runnable delivery) {
        if (incarnation != forIncarnation || node == null || dying) {
            return;
        }
        if (thread.busy(scheduler.nowMs())) {
            scheduler.at(thread.busyUntilMs(), () -> deliverDatastoreResult(forIncarnation, delivery));
            return;
        }
        step(delivery);
    }

    private void scheduleTick(int forIncarnation, long delayMs, long tickMs) {
        scheduler.after(delayMs, () -> tick(forIncarnation, tickMs));
    }

    private void tick(int forIncarnation, long tickMs) {
        if (incarnation != forIncarnation || node == null || dying) {
            return;
        }
        if (thread.busy(scheduler.nowMs())) {
            scheduler.at(thread.busyUntilMs(), () -> tick(forIncarnation, tickMs));
            return;
        }
        AgentNode target = node;
        step(() -> target.onTick(nowMs()));
        if (incarnation == forIncarnation && !dying) {
            scheduleTick(forIncarnation, clock.virtualDelayFor(tickMs), tickMs);
        }
    }

    /** Runs one step of the agent on its thread; an injected crash abandons the rest of it. */
    private void step(Runnable body) {
        lastStepRequests.clear();
        thread.begin(scheduler.nowMs());
        try {
            body.run();
        } catch (InjectedCrash crash) {
            struck(thread.stepStartMs() + crash.atStepMs);
        } finally {
            thread.end();
        }
    }

    private void struck(long atMs) {
        CrashTrigger trigger = crashTrigger;
        crashTrigger = null;
        dying = true;
        int inc = incarnation;
        scheduler.at(atMs, () -> {
            if (incarnation != inc) {
                return;
            }
            if (trigger.powerLoss) {
                crash();
                return;
            }
            stopAgentProcess();
            network.agentStopped(id, true);
            int downInc = incarnation;
            scheduler.after(trigger.restartDelayMs, () -> {
                if (incarnation == downInc && powered() && node == null) {
                    startAgentNode();
                }
            });
        });
    }

    private void requireLive(String what) {
        if (!live()) {
            throw new IllegalStateException(what + ": the agent of " + id + " is not running");
        }
    }
}
