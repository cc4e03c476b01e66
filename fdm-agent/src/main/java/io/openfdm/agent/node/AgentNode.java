package io.openfdm.agent.node;

import io.openfdm.agent.slave.SlaveAction;
import io.openfdm.agent.slave.SlaveEvent;
import io.openfdm.agent.slave.SlaveMachine;
import io.openfdm.agent.vmmonitoring.VmMonitoring;
import io.openfdm.agent.vmmonitoring.VmMonitoringPolicies;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.Timing;
import io.openfdm.core.election.Election;
import io.openfdm.core.env.LocalStore;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.HostState;
import io.openfdm.core.model.Role;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.DatastoreStatus;
import io.openfdm.core.status.HostStatus;
import io.openfdm.core.status.RestartPlan;
import io.openfdm.core.status.VmStatus;
import io.openfdm.core.wire.ElectionClaim;
import io.openfdm.core.wire.MasterHeartbeat;
import io.openfdm.core.wire.Message;
import io.openfdm.core.wire.PowerOnRequest;
import io.openfdm.core.wire.PowerOnResult;
import io.openfdm.core.wire.Resign;
import io.openfdm.core.wire.SlaveHeartbeat;
import io.openfdm.core.wire.VmReport;
import io.openfdm.datastore.heartbeat.HeartbeatView;
import io.openfdm.datastore.poweron.PoweredOffMarker;
import io.openfdm.datastore.poweron.PoweronRecord;
import io.openfdm.datastore.lease.LeaseEvent;
import io.openfdm.datastore.lease.LeaseMachine;
import io.openfdm.datastore.lease.LeaseObservation;
import io.openfdm.datastore.lease.LeaseRecord;
import io.openfdm.datastore.lease.LeasePhase;
import io.openfdm.datastore.lease.LeaseState;
import io.openfdm.datastore.lease.LeaseStep;
import io.openfdm.hostd.HypervisorException;
import io.openfdm.master.MasterAction;
import io.openfdm.master.MasterEvent;
import io.openfdm.master.MasterMachine;
import io.openfdm.master.MasterView;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One host's agent: composes the {@link Election}, {@link SlaveMachine} and (while this host is
 * master) {@link MasterMachine} state machines and performs their actions through the
 * {@link AgentEnvironment}. The same class runs in production (netty and NIO adapters) and in the
 * deterministic simulator.
 *
 * <p>Single-threaded: the caller serialises every call (netty's or the runtime's event loop in
 * production, the scheduler in the simulator). Time comes in as {@code nowMs} (monotonic ms). The
 * node never waits for a datastore: every datastore call goes through {@link DatastoreCalls}
 * (workers per datastore in production) and its answer comes back later, on the node's thread,
 * as a completion that feeds the state machine concerned; at most one call of a kind is
 * outstanding per datastore ({@link DatastoreCallQueue}).
 *
 * <p>Besides routing, the node does what every role needs: it refreshes which datastores this
 * host can reach (its election claim), runs the protectedlist lease protocol for every datastore
 * (watching as a slave, so a new master knows how long a dead master's lease has gone unrenewed;
 * claiming and renewing as master), and as a slave watches the master's datastore heartbeat so a
 * new master can declare the old one dead without waiting again. Host isolation (detection, the
 * poweron file, the isolation response) is the {@link IsolationDuty}'s.
 */
public final class AgentNode {
    private static final long ACCESS_CHECK_INTERVAL_MS = 1000;
    private static final long HYPERVISOR_REFRESH_INTERVAL_MS = 1000;

    private final HostId self;
    /** The configuration in force; replaced in place only by {@link #applyOverrides}. */
    private ClusterConfig config;
    private final Timing timing;
    private final AgentEnvironment env;
    private final DatastoreIo io;
    /** Every datastore call goes through here, off this thread (see {@link DatastoreCalls}). */
    private final DatastoreCallQueue calls;
    /** Per datastore: the newest heartbeat record, waiting for the outstanding write there. */
    private final Map<String, io.openfdm.datastore.heartbeat.HeartbeatRecord> heartbeatWaiting = new HashMap<>();
    /** Per datastore: the last answer of {@code accessible} (absent: no answer yet). */
    private final Map<String, Boolean> reachable = new TreeMap<>();
    private final HostSpec spec;
    private final Deque<Local> localQueue = new ArrayDeque<>();
    private final Map<HostId, Long> lastHeardMs = new HashMap<>();
    private final Map<String, LeaseState> leases = new TreeMap<>();
    private final Map<String, HeartbeatView> masterHeartbeats = new TreeMap<>();
    /** The master whose datastore heartbeat {@link #masterHeartbeats} describes. */
    private HostId watchedMaster;
    /** This boot's id: the wall clock at construction, ms. */
    private final long bootId;
    /** Elections this node has started since boot. */
    private long electionSeq;
    /** The election the current master won, from its heartbeats (0: unknown). */
    private long masterElectionId;
    /** The election id in the last claim heard from each host. */
    private final Map<HostId, Long> claimElectionIds = new HashMap<>();
    /** The down hosts in the current master's last heartbeat. */
    private List<HostId> lastDownHosts = List.of();

    private Election.State election;
    private final SlaveMachine slave;
    private final IsolationDuty isolation;
    private MasterMachine master;
    private Set<String> accessible = new TreeSet<>();
    private long startedMs;
    private long lastAccessCheckMs = Long.MIN_VALUE;
    private long lastLeaseRoundMs = Long.MIN_VALUE;
    private long lastMasterHeartbeatReadMs = Long.MIN_VALUE;
    private long lastHypervisorRefreshMs = Long.MIN_VALUE;
    private boolean stopped;
    /** Request ids of power-ons handed to {@link HypervisorCalls} and not finished yet. */
    private final Set<Long> powerOnsInFlight = new java.util.HashSet<>();
    /** Maintenance or standby mode, from the local store at start and {@link #setHostMode}. */
    private HostMode hostMode = HostMode.NORMAL;
    private final VmMonitoring vmMonitoring;

    private record Local(HostId from, Message message) {
    }

    public AgentNode(HostId self, ClusterConfig config, AgentEnvironment env) {
        this.self = self;
        this.config = config;
        this.timing = config.timing();
        this.env = env;
        this.io = new DatastoreIo(config.clusterId(), env.datastores());
        this.calls = new DatastoreCallQueue(env.datastoreCalls());
        this.spec = config.host(self).orElseThrow(() -> new IllegalArgumentException(
                self + " is not a member of cluster " + config.clusterId()));
        Set<HostId> members = new TreeSet<>();
        config.hosts().forEach(h -> members.add(h.id()));
        this.election = Election.initial(self, 0, members);
        this.bootId = env.clock().wallMs();
        this.slave = new SlaveMachine(self, config, bootId);
        this.isolation = new IsolationDuty(self, () -> this.config, env, io, calls, bootId, new IsolationHooks());
        this.vmMonitoring = new VmMonitoring(VmMonitoringPolicies.of(config), env.hypervisor(), env.hypervisorCalls(),
                (kind, message, subject) -> journal(kind, message, subject, -1));
    }

    /** The host booted: start electing. */
    public void start(long nowMs) {
        startedMs = nowMs;
        readGenerations(nowMs, false);
        journal(EventKind.AGENT_STARTED, "agent started (cluster " + config.clusterId() + " version "
                + config.version() + ")", self.moid(), -1);
        isolation.start(nowMs);
        restoreHostMode(nowMs);
        refreshAccess(nowMs);
        observeInventory(nowMs);
        electionStep(new Election.Begin("agent started", Set.of()), nowMs);
        drainLocal(nowMs);
    }

    /**
     * The protectedlist carries the generation of the lease it was written under: a lower bound
     * for the next claim even when the lease file itself is lost or corrupt. The lease protocol
     * starts on a datastore once this read has answered with the file's content, its absence or
     * its corruption; a read that could not reach the datastore (all paths down at boot) is made
     * again at a tick once the datastore is reachable, so a claim never starts from generation 0 on a datastore that may
     * hold a higher one (random tier seed 11431: a torn lease file and an unreadable protectedlist
     * at boot let a host claim generation 1 again).
     */
    private void readGenerations(long nowMs, boolean onlyReachable) {
        for (String ds : spec.datastores()) {
            if (leases.containsKey(ds) || (onlyReachable && !accessible.contains(ds))) {
                continue;
            }
            calls.submit(ds, "generation-read", "", nowMs, () -> io.readProtectedList(ds),
                    new MasterEvent.ProtectedListRead.Unreadable("read failed"), (read, doneMs, deferred) -> {
                        if (read instanceof MasterEvent.ProtectedListRead.Unreadable || leases.containsKey(ds)) {
                            return; // asked again at the next tick
                        }
                        long known = read instanceof MasterEvent.ProtectedListRead.Found f ? f.list().generation() : 0;
                        leases.put(ds, LeaseState.initial(config.clusterId(), ds, self, known));
                    });
        }
    }

    /** A message from {@code from} arrived (already authenticated by the transport). */
    public void onMessage(HostId from, Message message, long nowMs) {
        if (stopped || from.equals(self)) {
            return;
        }
        lastHeardMs.put(from, nowMs);
        isolation.heard(from, nowMs);
        route(from, message, nowMs);
        drainLocal(nowMs);
    }

    /** Called every {@code timing.tickIntervalMs}. */
    public void onTick(long nowMs) {
        if (stopped) {
            return;
        }
        if (lastAccessCheckMs == Long.MIN_VALUE || nowMs - lastAccessCheckMs >= ACCESS_CHECK_INTERVAL_MS) {
            refreshAccess(nowMs);
        }
        if (lastHypervisorRefreshMs == Long.MIN_VALUE || nowMs - lastHypervisorRefreshMs >= HYPERVISOR_REFRESH_INTERVAL_MS) {
            lastHypervisorRefreshMs = nowMs;
            env.hypervisor().refresh();
        }
        if (leases.size() < spec.datastores().size()) {
            readGenerations(nowMs, true);
        }
        electionStep(new Election.Tick(), nowMs);
        isolation.tick(nowMs, election.role() == Role.MASTER);
        if (lastLeaseRoundMs == Long.MIN_VALUE || nowMs - lastLeaseRoundMs >= timing.leaseRenewIntervalMs() / 2) {
            leaseRound(nowMs);
        }
        if (election.role() != Role.MASTER) {
            watchMasterHeartbeat(nowMs);
        }
        observeInventory(nowMs);
        slaveStep(new SlaveEvent.Tick(), nowMs);
        if (master != null) {
            masterStep(new MasterEvent.Tick(), nowMs);
        }
        drainLocal(nowMs);
    }

    /**
     * Applies a newer configuration that differs from the current one only in its per-VM
     * overrides ({@link ClusterConfig#differsOnlyInOverrides}), without an election: a master
     * re-protects and re-prioritises its VMs at its next reconciliation.
     *
     * @throws IllegalArgumentException if {@code next} changes more than overrides, or is not newer
     */
    public void applyOverrides(ClusterConfig next, long nowMs) {
        if (next.version() <= config.version() || !next.differsOnlyInOverrides(config)) {
            throw new IllegalArgumentException("configuration version " + next.version()
                    + " is not an overrides-only successor of version " + config.version());
        }
        ClusterConfig previous = config;
        config = next;
        vmMonitoring.updatePolicies(VmMonitoringPolicies.of(next));
        if (master != null) {
            masterStep(new MasterEvent.OverridesChanged(next.version(), next.vmOverrides()), nowMs);
            drainLocal(nowMs);
        }
        applyConfiguredMode(previous, nowMs);
    }

    /**
     * Follows a change of this host's mode between {@code previous} and the configuration in force
     * ({@link HostSpec#mode()}, which the vcenter-bridge copies from vCenter's
     * {@code runtime.inMaintenanceMode} and power state {@code standBy}): the host enters or leaves
     * maintenance or standby mode as through {@link #setHostMode}. Only a change is followed, so a
     * mode set with {@code fdm host maintenance|standby} stays until vCenter's mode next changes.
     *
     * @param previous the configuration before this one, or null for none (nothing is followed)
     * @return whether the mode changed
     */
    public boolean applyConfiguredMode(ClusterConfig previous, long nowMs) {
        if (previous == null) {
            return false;
        }
        HostMode before = previous.host(self).map(HostSpec::mode).orElse(HostMode.NORMAL);
        HostMode now = config.host(self).map(HostSpec::mode).orElse(HostMode.NORMAL);
        return before != now && setHostMode(now, nowMs);
    }

    /**
     * Puts this host into maintenance or standby mode, or back in service ({@code fdm host
     * maintenance|standby enter|exit}). The mode is saved in the local store (it survives agent
     * restarts), journaled, and carried by every heartbeat to the master. A master that leaves
     * service resigns: it tells its slaves ({@code Resign}), steps down and starts an election in
     * which it is no candidate. VMware: a master entering maintenance or standby mode triggers an
     * election (reference sheet §1).
     *
     * @return false if the host already was in {@code mode} (nothing changes)
     */
    public boolean setHostMode(HostMode mode, long nowMs) {
        if (stopped || mode == hostMode) {
            return false;
        }
        HostMode previous = hostMode;
        env.store().saveHostMode(mode);
        hostMode = mode;
        journal(EventKind.HOST_MODE_CHANGED, mode.inService() ? "left " + previous.displayName() + " mode"
                : "entered " + mode.displayName() + " mode", self.moid(), -1);
        slaveStep(new SlaveEvent.HostModeChanged(mode), nowMs);
        if (!mode.inService() && election.role() == Role.MASTER) {
            sendResign();
        }
        electionStep(new Election.CandidacyChanged(mode.inService()), nowMs);
        drainLocal(nowMs);
        return true;
    }

    /** This host's administrative mode. */
    public HostMode hostMode() {
        return hostMode;
    }

    private void restoreHostMode(long nowMs) {
        HostMode saved = env.store().hostMode();
        if (saved != HostMode.NORMAL) {
            hostMode = saved;
            journal(EventKind.HOST_MODE_CHANGED, "in " + saved.displayName() + " mode (kept from before the restart)",
                    self.moid(), -1);
            slaveStep(new SlaveEvent.HostModeChanged(saved), nowMs);
            electionStep(new Election.CandidacyChanged(false), nowMs);
        }
    }

    private void sendResign() {
        Resign resign = new Resign(election.selfClaim());
        for (HostSpec h : config.hosts()) {
            if (!h.id().equals(self)) {
                env.transport().send(h.id(), resign);
            }
        }
    }

    /** Graceful stop: a master resigns and releases its leases; nothing runs afterwards. */
    public void stop(long nowMs) {
        if (stopped) {
            return;
        }
        if (election.role() == Role.MASTER) {
            sendResign();
            journal(EventKind.ROLE_CHANGED, "resigned as master (agent stopping)", self.moid(), -1);
            master = null;
            leaseRound(nowMs); // releases every held lease
        }
        stopped = true;
    }

    public Role role() {
        return election.role();
    }

    /** The current master, or null during an election. */
    public HostId master() {
        return election.masterId();
    }

    /** This host's MOID. */
    public HostId self() {
        return self;
    }

    /**
     * Datastore calls skipped because the same call (kind, datastore, subject) was still
     * outstanding, by kind ({@code heartbeat-write}, {@code lease-read}, ...), since this agent
     * started; a count that grows means a datastore answers slower than the agent asks.
     */
    public Map<String, Long> skippedDatastoreCalls() {
        return calls.skipped();
    }

    /** True when this host holds the lease of {@code datastore} and may act on it now. */
    public boolean mayAct(String datastore, long nowMs) {
        LeaseState s = leases.get(datastore);
        return s != null && LeaseMachine.mayAct(s, nowMs, timing);
    }

    // ------------------------------------------------------------------ routing

    private void route(HostId from, Message message, long now) {
        if (message instanceof ElectionClaim c) {
            boolean lateFromOurMastersElection = election.role() == Role.SLAVE && from.equals(election.masterId())
                    && c.electionId() == masterElectionId;
            claimElectionIds.put(from, c.electionId());
            if (master != null && c.claim().host().equals(from)) {
                masterStep(new MasterEvent.ElectionClaimHeard(from), now);
            }
            if (c.claim().host().equals(from) && !lateFromOurMastersElection) {
                electionStep(new Election.ClaimHeard(c.claim()), now);
            }
        } else if (message instanceof MasterHeartbeat hb) {
            if (from.equals(self)) {
                slaveStep(new SlaveEvent.MasterHeartbeatReceived(from, hb), now);
                return;
            }
            if (!hb.claim().host().equals(from)) {
                return;
            }
            electionStep(new Election.MasterHeard(hb.claim()), now);
            if (election.role() == Role.SLAVE && from.equals(election.masterId())) {
                masterElectionId = hb.electionId();
                if (!hb.downHosts().equals(lastDownHosts)) {
                    lastDownHosts = hb.downHosts();
                    electionStep(new Election.DownHostsHeard(Set.copyOf(hb.downHosts())), now);
                }
                slaveStep(new SlaveEvent.MasterHeartbeatReceived(from, hb), now);
            }
        } else if (message instanceof Resign r) {
            if (r.claim().host().equals(from)) {
                electionStep(new Election.ResignHeard(r.claim()), now);
            }
        } else if (message instanceof SlaveHeartbeat hb) {
            if (master != null) {
                masterStep(new MasterEvent.SlaveHeartbeatReceived(from, hb), now);
            }
        } else if (message instanceof VmReport report) {
            if (master != null) {
                masterStep(new MasterEvent.VmReportReceived(from, report), now);
            }
        } else if (message instanceof PowerOnResult result) {
            if (master != null) {
                masterStep(new MasterEvent.PowerOnResultReceived(from, result), now);
            }
        } else if (message instanceof PowerOnRequest request) {
            slaveStep(new SlaveEvent.PowerOnRequested(from, request), now);
        }
    }

    private void send(HostId to, Message message) {
        if (to.equals(self)) {
            localQueue.add(new Local(self, message));
        } else {
            env.transport().send(to, message);
        }
    }

    private void drainLocal(long now) {
        Local next;
        while ((next = localQueue.poll()) != null) {
            route(next.from(), next.message(), now);
        }
    }

    // ------------------------------------------------------------------ election

    private void electionStep(Election.Event event, long now) {
        Role before = election.role();
        Election.Result result = Election.step(election, event, now, timing);
        election = result.state();
        for (Election.Action action : result.actions()) {
            if (action instanceof Election.SendClaim c) {
                ElectionClaim claim = new ElectionClaim(config.version(), election.selfClaim(), electionId());
                if (c.to() != null) {
                    send(c.to(), claim);
                } else {
                    for (HostSpec h : config.hosts()) {
                        if (!h.id().equals(self)) {
                            send(h.id(), claim);
                        }
                    }
                }
            } else if (action instanceof Election.AnswerAsMaster a) {
                if (master != null) {
                    masterStep(new MasterEvent.AnswerHost(a.to()), now);
                }
            } else if (action instanceof Election.Started s) {
                electionSeq++;
                if (before == Role.MASTER && master != null) {
                    stepDown(now, "election started: " + s.reason());
                }
                journal(EventKind.ELECTION_STARTED, "election started: " + s.reason(), "", -1);
                slaveStep(new SlaveEvent.MasterChanged(null), now);
            } else if (action instanceof Election.BecameMaster) {
                becomeMaster(now);
            } else if (action instanceof Election.BecameSlave s) {
                if (s.previous() == Role.MASTER) {
                    stepDown(now, s.why() + " " + s.master());
                }
                masterElectionId = claimElectionIds.getOrDefault(s.master(), 0L);
                lastDownHosts = List.of();
                journal(EventKind.ROLE_CHANGED, "slave of " + s.master() + " (" + s.why() + ")", s.master().moid(), -1);
                env.store().saveRole(new LocalStore.LastRole(Role.SLAVE, s.master(), env.clock().wallMs()));
                slaveStep(new SlaveEvent.MasterChanged(s.master()), now);
            }
        }
    }

    private void becomeMaster(long now) {
        // Hand over what this host watched as a slave: the old master's last network heartbeat
        // and its heartbeat files. Other hosts start with this master's grace period: as a slave
        // this host did not hear them, so its old timestamps of them say nothing.
        Map<HostId, Map<String, HeartbeatView>> views = new HashMap<>();
        Map<HostId, Long> heard = new HashMap<>();
        if (watchedMaster != null && !masterHeartbeats.isEmpty()) {
            views.put(watchedMaster, new TreeMap<>(masterHeartbeats));
        }
        if (watchedMaster != null && lastHeardMs.containsKey(watchedMaster)) {
            heard.put(watchedMaster, lastHeardMs.get(watchedMaster));
        }
        master = new MasterMachine(self, config, election.selfClaim(), now,
                new MasterMachine.Handover(heard, views), electionId());
        journal(EventKind.ROLE_CHANGED, "became master", self.moid(), now - startedMs);
        env.store().saveRole(new LocalStore.LastRole(Role.MASTER, self, env.clock().wallMs()));
        slaveStep(new SlaveEvent.MasterChanged(self), now);
        leaseRound(now); // claim leases that have already gone unrenewed long enough
    }

    /** Unique per boot and election: boot id (wall ms) x 1000 + elections since boot. */
    private long electionId() {
        return bootId * 1000 + electionSeq;
    }

    private void stepDown(long now, String why) {
        master = null;
        journal(EventKind.ROLE_CHANGED, "stepped down as master: " + why, self.moid(), -1);
        leaseRound(now); // release every held lease
    }

    // ------------------------------------------------------------------ slave

    /**
     * Reports the hypervisor's inventory to the slave machine. A hypervisor that cannot say (the
     * vSphere backend before its first successful read of vCenter) is skipped: the last report
     * stands, and a host that never reported is not used for protection by the master.
     */
    private void observeInventory(long now) {
        List<VmInfo> vms;
        try {
            vms = env.hypervisor().listVms();
        } catch (HypervisorException e) {
            return;
        }
        slaveStep(new SlaveEvent.InventoryObserved(vms), now);
        vmMonitoring.observe(vms, now);
    }

    private void slaveStep(SlaveEvent event, long now) {
        for (SlaveAction action : slave.step(event, now, env.clock().wallMs())) {
            if (action instanceof SlaveAction.Send s) {
                send(s.to(), s.message());
            } else if (action instanceof SlaveAction.WriteHeartbeat w) {
                writeHeartbeat(w.datastore(), w.record(), now);
            } else if (action instanceof SlaveAction.ExecutePowerOn p) {
                if (!powerOnsInFlight.add(p.request().requestId())) {
                    continue; // a re-sent request whose first copy is still running: its answer will come
                }
                PowerOnExecutor executor = new PowerOnExecutor(env.hypervisor(), io);
                env.hypervisorCalls().run(now, () -> executor.execute(p.from(), p.request()),
                        (result, doneMs, deferred) -> powerOnFinished(p, result, doneMs, deferred));
            }
        }
    }

    /** A power-on finished (at once, or later on a worker): journal, report, answer the master. */
    private void powerOnFinished(SlaveAction.ExecutePowerOn p, PowerOnResult result, long now, boolean deferred) {
        powerOnsInFlight.remove(p.request().requestId());
        if (stopped) {
            return;
        }
        VmId vm = p.request().vm().id();
        if (!result.success()) {
            journal(EventKind.RESTART_FAILED, "refused or failed power-on of " + vm
                    + " for " + p.from() + ": " + result.error(), vm.moid(), -1);
        } else {
            journal(EventKind.VM_POWERED_ON, (p.request().powerOn() ? "powered on " : "registered ") + vm
                    + " for master " + p.from(), vm.moid(), -1);
        }
        observeInventory(now);
        slaveStep(new SlaveEvent.PowerOnDone(p.from(), result), now);
        if (deferred) {
            drainLocal(now);
        }
    }

    /**
     * Writes this host's heartbeat file on {@code ds}. While the previous write there is
     * outstanding the new one is skipped (and counted); the newest skipped record is written as
     * soon as the outstanding write answers, so on slow storage the file still changes once per
     * call rather than once per call plus an interval.
     */
    private void writeHeartbeat(String ds, io.openfdm.datastore.heartbeat.HeartbeatRecord record, long now) {
        boolean submitted = calls.submit(ds, "heartbeat-write", "", now, () -> {
            io.writeHeartbeat(ds, record);
            return Boolean.TRUE;
        }, Boolean.FALSE, (ok, doneMs, deferred) -> {
            io.openfdm.datastore.heartbeat.HeartbeatRecord next = heartbeatWaiting.remove(ds);
            if (next != null && !stopped) {
                writeHeartbeat(ds, next, doneMs);
            }
        });
        if (!submitted) {
            heartbeatWaiting.put(ds, record);
        }
    }

    private void watchMasterHeartbeat(long now) {
        if (lastMasterHeartbeatReadMs != Long.MIN_VALUE
                && now - lastMasterHeartbeatReadMs < timing.datastoreHeartbeatIntervalMs()) {
            return;
        }
        // While electing, keep watching the master we had: a new master must not mistake a gap in
        // our reads for a silent heartbeat file.
        HostId m = election.role() == Role.SLAVE ? election.masterId() : watchedMaster;
        if (m == null) {
            return;
        }
        lastMasterHeartbeatReadMs = now;
        if (!m.equals(watchedMaster)) {
            masterHeartbeats.clear();
            watchedMaster = m;
        }
        config.host(m).ifPresent(ms -> {
            for (String ds : ms.datastores()) {
                if (accessible.contains(ds)) {
                    calls.submit(ds, "heartbeat-read", m.moid(), now, () -> io.readHeartbeat(ds, m),
                            OptionalLong.empty(), (counter, doneMs, deferred) -> {
                                if (stopped || !m.equals(watchedMaster)) {
                                    return;
                                }
                                HeartbeatView v = masterHeartbeats.getOrDefault(ds, HeartbeatView.start(doneMs));
                                masterHeartbeats.put(ds, HeartbeatView.observe(v, counter, doneMs));
                            });
                }
            }
        });
    }

    // ------------------------------------------------------------------ master

    private void masterStep(MasterEvent event, long now) {
        Deque<MasterEvent> pending = new ArrayDeque<>();
        pending.add(event);
        while (!pending.isEmpty() && master != null) {
            for (MasterAction action : master.step(pending.poll(), now, env.clock().wallMs())) {
                if (action instanceof MasterAction.Send s) {
                    send(s.to(), s.message());
                } else if (action instanceof MasterAction.ReadHeartbeat r) {
                    masterCall(r.datastore(), "heartbeat-read", r.host().moid(), now,
                            () -> io.readHeartbeat(r.datastore(), r.host()), OptionalLong.empty(),
                            counter -> new MasterEvent.HeartbeatObserved(r.host(), r.datastore(), counter), pending);
                } else if (action instanceof MasterAction.ReadProtectedList r) {
                    // Skipped while one is outstanding: its answer will load the list.
                    masterCall(r.datastore(), "protectedlist-read", "", now, () -> io.readProtectedList(r.datastore()),
                            new MasterEvent.ProtectedListRead.Unreadable("read failed"),
                            read -> new MasterEvent.ProtectedListLoaded(r.datastore(), read), pending);
                } else if (action instanceof MasterAction.WriteProtectedList w) {
                    writeProtectedList(w, now, pending);
                } else if (action instanceof MasterAction.Journal j) {
                    journal(j.kind(), j.message(), j.subject(), j.durationMs());
                } else if (action instanceof MasterAction.ProbeAddress p) {
                    probe(p, pending, now);
                } else if (action instanceof MasterAction.ReadPoweron r) {
                    masterCall(r.datastore(), "poweron-read", r.host().moid(), now,
                            () -> io.readPoweron(r.datastore(), r.host()), Optional.<PoweronRecord>empty(),
                            record -> new MasterEvent.PoweronObserved(r.host(), r.datastore(), record), pending);
                } else if (action instanceof MasterAction.ReadPoweredOffMarkers r) {
                    masterCall(r.datastore(), "markers-list", "", now, () -> io.readPoweredOffMarkers(r.datastore()),
                            Optional.<List<PoweredOffMarker>>empty(),
                            markers -> new MasterEvent.PoweredOffMarkersRead(r.datastore(), markers), pending);
                } else if (action instanceof MasterAction.DeletePoweredOffMarker d) {
                    calls.submit(d.datastore(), "marker-delete", d.vm().moid(), now,
                            () -> io.deletePoweredOffMarker(d.datastore(), d.vm()), Boolean.FALSE, (ok, doneMs, deferred) -> { });
                }
            }
        }
    }

    /**
     * Pings a silent host's management address through {@link HypervisorCalls} (never on this
     * thread in production). An answer delivered at once joins {@code pending}; a later one goes
     * to the same master, if this host still is that master.
     */
    private void probe(MasterAction.ProbeAddress p, Deque<MasterEvent> pending, long now) {
        MasterMachine asked = master;
        env.hypervisorCalls().run(now, () -> env.addressProbe().answers(p.address(), p.timeoutMs()),
                (answered, doneMs, deferred) -> {
                    MasterEvent result = new MasterEvent.AddressProbed(p.host(), p.sentMs(), answered);
                    if (!deferred) {
                        pending.add(result);
                    } else if (!stopped && master == asked) {
                        masterStep(result, doneMs);
                        drainLocal(doneMs);
                    }
                });
    }

    /**
     * Runs a master's datastore read (or write) through {@link #calls}; its answer, as the event
     * {@code toEvent} makes of it, joins {@code pending} when delivered at once and otherwise goes
     * to the master later. A read's answer goes to whichever master this host runs then (a read
     * skipped because the same one is outstanding, perhaps asked by an earlier master of this
     * host, gets its answer that way); a write's answer only to the master that asked for it.
     */
    private <T> void masterCall(String ds, String kind, String subject, long now, java.util.function.Supplier<T> work,
                                T fallback, java.util.function.Function<T, MasterEvent> toEvent,
                                Deque<MasterEvent> pending) {
        masterCall(ds, kind, subject, now, work, fallback, (result, doneMs) -> toEvent.apply(result), true, pending);
    }

    private <T> boolean masterCall(String ds, String kind, String subject, long now, java.util.function.Supplier<T> work,
                                   T fallback, java.util.function.BiFunction<T, Long, MasterEvent> toEvent,
                                   boolean anyMaster, Deque<MasterEvent> pending) {
        MasterMachine asked = master;
        return calls.submit(ds, kind, subject, now, work, fallback, (result, doneMs, deferred) -> {
            MasterEvent event = toEvent.apply(result, doneMs);
            if (!deferred) {
                pending.add(event);
            } else if (!stopped && master != null && (anyMaster || master == asked)) {
                masterStep(event, doneMs);
                drainLocal(doneMs);
            }
        });
    }

    /**
     * Writes a protectedlist, fenced: only under a lease valid now at the list's generation, and
     * the write counts as done only if that lease is still valid when it completes (a write that
     * completes late is not trusted: the intents in it may not be acted on). A write submitted
     * while the previous one of the datastore is outstanding fails at once; the master retries.
     */
    private void writeProtectedList(MasterAction.WriteProtectedList w, long now, Deque<MasterEvent> pending) {
        String ds = w.datastore();
        if (!mayWriteUnder(ds, w.list().generation(), now)) {
            pending.add(new MasterEvent.ProtectedListWritten(ds, w.list().version(), false, "lease not held"));
            return;
        }
        if (!calls.prompt(ds, now, LeaseMachine.ioBoundMs(timing))) {
            // On a slow datastore the write could land after the lease's validity.
            pending.add(new MasterEvent.ProtectedListWritten(ds, w.list().version(), false, "datastore slow"));
            return;
        }
        boolean submitted = masterCall(ds, "protectedlist-write", "", now,
                () -> Optional.ofNullable(io.writeProtectedList(ds, w.list())), Optional.of("write failed"),
                (error, doneMs) -> {
                    boolean late = error.isEmpty() && !mayWriteUnder(ds, w.list().generation(), doneMs);
                    String why = error.orElse(late ? "completed after the lease's validity" : "");
                    return new MasterEvent.ProtectedListWritten(ds, w.list().version(), why.isEmpty(), why);
                }, false, pending);
        if (!submitted) {
            pending.add(new MasterEvent.ProtectedListWritten(ds, w.list().version(), false,
                    "the previous write of this protectedlist is still in flight"));
        }
    }

    /** True while this host holds the lease of {@code ds} at {@code generation} and may act on it. */
    private boolean mayWriteUnder(String ds, long generation, long now) {
        LeaseState lease = leases.get(ds);
        return lease != null && LeaseMachine.mayAct(lease, now, timing) && lease.myGeneration() == generation;
    }

    // ------------------------------------------------------------------ datastores and leases

    /**
     * Asks every configured datastore whether it is accessible. Each answer updates
     * {@link #reachable}; the claim and the slave's heartbeat datastores follow once the answers
     * are in (at once when they come back inline, else as each one arrives).
     */
    private void refreshAccess(long now) {
        lastAccessCheckMs = now;
        for (String ds : spec.datastores()) {
            calls.submit(ds, "accessible", "", now, () -> io.accessible(ds), Boolean.FALSE, (ok, doneMs, deferred) -> {
                reachable.put(ds, ok);
                if (deferred && !stopped) {
                    applyAccess(doneMs);
                    drainLocal(doneMs);
                }
            });
        }
        applyAccess(now);
    }

    private void applyAccess(long now) {
        Set<String> next = new TreeSet<>();
        for (String ds : spec.datastores()) {
            if (reachable.getOrDefault(ds, false)) {
                next.add(ds);
            }
        }
        if (!next.equals(accessible)) {
            Set<String> lost = new TreeSet<>(accessible);
            lost.removeAll(next);
            Set<String> gained = new TreeSet<>(next);
            gained.removeAll(accessible);
            if (lastAccessCheckMs != startedMs || !lost.isEmpty()) {
                journal(EventKind.CONFIG_CHANGED, "datastores reachable: " + next
                        + (lost.isEmpty() ? "" : " (lost " + lost + ")"), self.moid(), -1);
            }
            accessible = next;
            electionStep(new Election.DatastoresChanged(next.size()), now);
            if (master != null) {
                master.claimChanged(election.selfClaim());
            }
            slaveStep(new SlaveEvent.AccessibleChanged(next), now);
        }
    }

    /** One round of the lease protocol on every configured datastore whose generation is known. */
    private void leaseRound(long now) {
        lastLeaseRoundMs = now;
        for (String ds : List.copyOf(leases.keySet())) {
            if (!accessible.contains(ds)) {
                leaseObserved(ds, new LeaseObservation.Inaccessible("not reachable from " + self), now, now);
                continue;
            }
            calls.submit(ds, "lease-read", "", now, () -> io.readLease(ds),
                    new LeaseObservation.Inaccessible("lease read failed"), (obs, doneMs, deferred) -> {
                        leaseObserved(ds, obs, now, doneMs);
                        if (deferred && !stopped) {
                            drainLocal(doneMs);
                        }
                    });
        }
    }

    /**
     * Feeds one lease read (started at {@code readStartedMs}, answered at {@code now}) to the
     * {@link LeaseMachine} and performs its write and events. The write's outcome is reported with
     * both its start and completion times: validity counts from the start, and a claim whose write
     * took too long counts as failed ({@link LeaseMachine#written(LeaseState, boolean, long, long,
     * Timing)}).
     */
    private void leaseObserved(String ds, LeaseObservation obs, long readStartedMs, long now) {
        boolean want = master != null && !stopped;
        LeaseStep step = LeaseMachine.observe(leases.get(ds), obs, want, readStartedMs, now, timing);
        leases.put(ds, step.state());
        for (LeaseEvent event : step.events()) {
            if (event instanceof LeaseEvent.Acquired a) {
                journal(EventKind.LEASE_ACQUIRED, "acquired lease on " + ds + " (generation " + a.generation() + ")",
                        ds, -1);
            } else if (event instanceof LeaseEvent.Lost l) {
                journal(EventKind.LEASE_LOST, "lost lease on " + ds + ": " + l.reason(), ds, -1);
                if (master != null) {
                    masterStep(new MasterEvent.LeaseLost(ds, l.reason()), now);
                }
            } else if (event instanceof LeaseEvent.Released r) {
                journal(EventKind.LEASE_LOST, "released lease on " + ds + " (generation " + r.generation() + ")",
                        ds, -1);
            }
        }
        if (step.write().isEmpty()) {
            offerLease(ds, now);
            return;
        }
        LeaseRecord record = step.write().get().stamped(env.clock().wallMs());
        boolean submitted = calls.prompt(ds, now, LeaseMachine.ioBoundMs(timing)) && calls.submit(ds, "lease-write", "", now, () -> io.writeLease(ds, record), Boolean.FALSE,
                (ok, doneMs, deferred) -> {
                    leases.put(ds, LeaseMachine.written(leases.get(ds), ok, now, doneMs, timing));
                    offerLease(ds, doneMs);
                    if (deferred && !stopped) {
                        drainLocal(doneMs);
                    }
                });
        if (!submitted) {
            leases.put(ds, LeaseMachine.written(leases.get(ds), false, now, now, timing));
            offerLease(ds, now);
        }
    }

    /** Tells the master it holds the lease of {@code ds}, and until when, while it may act on it. */
    private void offerLease(String ds, long now) {
        LeaseState state = leases.get(ds);
        if (master != null && state.phase() == LeasePhase.HELD && LeaseMachine.mayAct(state, now, timing)) {
            masterStep(new MasterEvent.LeaseHeld(ds, state.myGeneration(),
                    state.lastRenewOkMs() + timing.leaseStandDownMs()), now);
        }
    }

    // ------------------------------------------------------------------ status and journal

    public AgentStatus status(long nowMs) {
        List<HostStatus> hosts;
        List<VmStatus> vms;
        MasterView view = master == null ? null : master.view(nowMs);
        if (view != null) {
            hosts = view.hosts();
            vms = view.vms();
        } else {
            hosts = new ArrayList<>();
            hosts.add(new HostStatus(self.moid(), spec.address(), selfState().vsphereName(), 0,
                    List.copyOf(accessible), (int) slave.inventory().stream().filter(v -> v.poweredOn()).count(),
                    hostMode.displayName()));
            HostId m = election.masterId();
            if (m != null && !m.equals(self)) {
                Long heard = lastHeardMs.get(m);
                hosts.add(new HostStatus(m.moid(), config.host(m).map(HostSpec::address).orElse(""),
                        HostState.MASTER.vsphereName(), heard == null ? -1 : nowMs - heard, List.of(), 0));
            }
            vms = new ArrayList<>();
            for (var vm : slave.inventory()) {
                vms.add(new VmStatus(vm.id().moid(), vm.name(), self.moid(), vm.poweredOn() ? "poweredOn" : "poweredOff",
                        false, vm.priority().name().toLowerCase(Locale.ROOT), vm.homeDatastore(), "unknown", 0));
            }
        }
        List<DatastoreStatus> datastores = new ArrayList<>();
        for (Map.Entry<String, LeaseState> e : leases.entrySet()) {
            LeaseState s = e.getValue();
            boolean held = s.phase() == LeasePhase.HELD;
            HostId owner = held ? self : s.observedOwner();
            long generation = held ? s.myGeneration() : s.observed() == null ? 0 : s.observed().generation();
            datastores.add(new DatastoreStatus(e.getKey(), accessible.contains(e.getKey()),
                    owner == null ? "" : owner.moid(), generation, LeaseMachine.mayAct(s, nowMs, timing),
                    view == null ? -1 : view.protectedCount(e.getKey())));
        }
        HostId m = election.masterId();
        return new AgentStatus(self.moid(), roleName(), m == null ? "" : m.moid(), config.clusterId(),
                config.version(), nowMs - startedMs, Map.of(), hosts, datastores, vms, config.haPolicy(),
                view == null ? null : view.capacity());
    }

    /**
     * {@code fdm plan}: what this master would do if {@code failed} failed now (see
     * {@link MasterView#plan}).
     *
     * @throws IllegalStateException    if this agent is not the master (the message names the master)
     * @throws IllegalArgumentException naming an unknown host
     */
    public RestartPlan plan(List<HostId> failed, long nowMs) {
        if (master == null) {
            HostId m = election.masterId();
            throw new IllegalStateException(self + " is not the master" + (m == null ? " (an election is running)"
                    : "; ask the master " + m));
        }
        return master.view(nowMs).plan(failed);
    }

    private HostState selfState() {
        if (isolation.isolated()) {
            return HostState.NETWORK_ISOLATED;
        }
        return switch (election.role()) {
            case MASTER -> HostState.MASTER;
            case SLAVE -> HostState.CONNECTED_TO_MASTER;
            default -> HostState.ELECTION;
        };
    }

    private String roleName() {
        return election.role().name().toLowerCase(Locale.ROOT);
    }

    /** True while this host considers itself isolated (see {@link IsolationDuty}). */
    public boolean isolated() {
        return isolation.isolated();
    }

    /**
     * What the isolation duty needs from this node. An isolated master stops acting: it releases its
     * leases (VMware: "when a master becomes isolated, it releases the lock") and drops its master
     * machine while its election role stays master, so it starts no new election on its own; when
     * the isolation ends it elects again and rejoins whatever master it hears.
     */
    private final class IsolationHooks implements IsolationDuty.Node {
        @Override
        public Set<String> accessible() {
            return accessible;
        }

        @Override
        public LeaseState lease(String datastore) {
            return leases.get(datastore);
        }

        @Override
        public List<String> heartbeatDatastores() {
            return slave.heartbeatDatastores();
        }

        @Override
        public List<VmInfo> inventory() {
            return slave.inventory();
        }

        @Override
        public boolean stopped() {
            return stopped;
        }

        @Override
        public void journal(EventKind kind, String message, String subject) {
            AgentNode.this.journal(kind, message, subject, -1);
        }

        @Override
        public void isolationDeclared(long nowMs) {
            if (master != null) {
                stepDown(nowMs, "isolated");
            }
        }

        @Override
        public void isolationEnded(long nowMs) {
            if (!stopped && election.role() == Role.MASTER && master == null) {
                electionStep(new Election.Begin("isolation ended", Set.of()), nowMs);
            }
        }

        @Override
        public void inventoryChanged(long nowMs, boolean deferred) {
            observeInventory(nowMs);
            if (deferred) {
                drainLocal(nowMs);
            }
        }
    }

    private void journal(EventKind kind, String message, String subject, long durationMs) {
        env.journal().record(new JournalEvent(env.clock().wallMs(), self.moid(), roleName(), kind, message,
                subject, durationMs));
    }
}
