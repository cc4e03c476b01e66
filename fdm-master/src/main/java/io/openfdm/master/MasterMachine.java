package io.openfdm.master;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.Timing;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostState;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.wire.MasterHeartbeat;
import io.openfdm.core.wire.PowerOnRequest;
import io.openfdm.core.wire.PowerOnResult;
import io.openfdm.core.wire.SlaveHeartbeat;
import io.openfdm.core.wire.VmReport;
import io.openfdm.datastore.heartbeat.HeartbeatView;
import io.openfdm.datastore.protectedlist.ProtectedVm;
import io.openfdm.master.MasterEvent.ProtectedListRead;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The master role (FDM's master): owns the protectedlists of the datastores whose lease this host
 * holds, watches every slave over the network and over its datastore heartbeat files, declares
 * dead hosts, and restarts their protected VMs on live hosts, exactly once.
 *
 * <p>A deterministic state machine with no I/O and no clock: {@link #step} takes an event and the
 * monotonic time and returns the actions to perform. Like etcd raft's core it mutates its own
 * state instead of returning a copy (protectedlists hold thousands of VMs); nothing else touches
 * that state.
 *
 * <p>Rules, and where they come from:
 * <ul>
 *   <li>A silent host is <b>dead</b> ({@code hostDown}) only when its network heartbeats have
 *       stopped for {@code hostFailureTimeoutMs} and all its datastore heartbeat files have been
 *       unchanged for {@code datastoreHeartbeatTimeoutMs}; network silent with a live datastore
 *       heartbeat is {@code networkPartitionedFromMaster} and nothing is restarted (FDM's decision
 *       table, vSphere HA Deepdive).</li>
 *   <li>A VM is restarted only while this host holds the lease of its home datastore and has
 *       loaded that datastore's protectedlist (FDM: the master that locked protectedlist owns the
 *       VM).</li>
 *   <li>No restart is placed until every connected host has reported its inventory to this
 *       master, so a VM a previous master already restarted is seen running, not started twice.</li>
 *   <li>The chosen target is written into the protectedlist ({@code restartTarget}) before the
 *       power-on request is sent. A new master that finds a target there waits for that host's
 *       report instead of restarting blindly; slaves refuse requests whose lease generation is no
 *       longer the lease file's, so a deposed master cannot act late.</li>
 *   <li>Higher restart priorities are placed first; failures are retried with a doubling backoff
 *       up to {@code restartMaxAttempts} attempts (FDM: 5 attempts).</li>
 *   <li>A protected VM that a live host reports powered off, with no restart under way, was
 *       powered off by a user and is removed from the protectedlist.</li>
 *   <li>With host monitoring disabled ({@code HaPolicy.hostMonitoring() == false}) VMs stay
 *       protected but nothing is restarted: vSphere HA restarts no VM while host monitoring is
 *       off. The master journals this once per failed host ({@code RESTART_SKIPPED}). The
 *       isolation response and admission control of the policy are not acted upon yet (the
 *       "Failure semantics" issue).</li>
 * </ul>
 */
public final class MasterMachine {

    /**
     * What this host knew as a slave, so a new master does not start from zero: when each member
     * was last heard (monotonic ms) and its datastore heartbeat views, by datastore.
     */
    public record Handover(Map<HostId, Long> lastHeardMs, Map<HostId, Map<String, HeartbeatView>> heartbeats) {
        public static Handover none() {
            return new Handover(Map.of(), Map.of());
        }
    }

    private final HostId self;
    private final ClusterConfig config;
    private final Timing timing;
    private Claim claim;
    private final long electionId;
    private final long startedMs;
    private final Map<HostId, HostRecord> hosts = new TreeMap<>();
    private final Map<String, DatastoreBook> books = new TreeMap<>();
    private final Map<VmId, Restart> restarts = new TreeMap<>();
    /** Failed hosts whose VMs this master already journaled as not restarted (host monitoring off). */
    private final java.util.Set<HostId> restartsSkippedFor = new java.util.TreeSet<>();
    private long lastHeartbeatSentMs = Long.MIN_VALUE;
    private long lastHeartbeatReadMs = Long.MIN_VALUE;
    private long nextRequestId;
    private List<HostId> downHosts = List.of();
    /** Protectedlist writes emitted and not yet answered. */
    private int writesInFlight;
    /** Set when a report, a list load or a lease change may change protection; cleared by a reconcile. */
    private boolean protectionDirty = true;
    private long lastReconcileMs = Long.MIN_VALUE;
    private final Map<VmId, VmOverride> overrides = new HashMap<>();
    /** The configuration version in force: {@code config.version()} or a later overrides-only one. */
    private long configVersion;
    /** A full reconcile runs at least this often even without a known change, milliseconds. */
    private static final long RECONCILE_INTERVAL_MS = 1000;
    private List<MasterAction> out = new ArrayList<>();

    /**
     * @param self     this host
     * @param config   the cluster configuration
     * @param claim    this host's election claim, put in heartbeats
     * @param nowMs    monotonic ms now (start of the grace period for hosts never heard)
     * @param handover what this host knew before it became master
     * @param electionId the election this host won, echoed in its heartbeats
     */
    public MasterMachine(HostId self, ClusterConfig config, Claim claim, long nowMs, Handover handover,
                         long electionId) {
        this.electionId = electionId;
        this.self = self;
        this.config = config;
        this.timing = config.timing();
        this.claim = claim;
        this.startedMs = nowMs;
        // Request ids are unique per master incarnation: start from the time to avoid reuse.
        this.nextRequestId = Math.max(1, nowMs) * 1000;
        for (HostSpec spec : config.hosts()) {
            HostState initial = spec.id().equals(self) ? HostState.MASTER : HostState.CONNECTED_TO_MASTER;
            HostRecord rec = new HostRecord(spec, initial, nowMs);
            Long heard = handover.lastHeardMs().get(spec.id());
            if (heard != null && heard != Long.MIN_VALUE) {
                rec.lastHeardMs = heard;
                rec.everHeard = true;
            }
            Map<String, HeartbeatView> views = handover.heartbeats().get(spec.id());
            if (views != null) {
                rec.heartbeats.putAll(views);
            }
            hosts.put(spec.id(), rec);
        }
        for (var ds : config.datastores()) {
            books.put(ds.name(), new DatastoreBook(ds.name()));
        }
        this.configVersion = config.version();
        for (VmOverride o : config.vmOverrides()) {
            overrides.put(o.vm(), o);
        }
    }

    /** Feeds one event; returns what to do, in order. */
    public List<MasterAction> step(MasterEvent event, long nowMs) {
        out = new ArrayList<>();
        if (event instanceof MasterEvent.Tick) {
            tick(nowMs);
        } else if (event instanceof MasterEvent.SlaveHeartbeatReceived h) {
            slaveHeartbeat(h.from(), h.heartbeat(), nowMs);
        } else if (event instanceof MasterEvent.VmReportReceived r) {
            report(r.from(), r.report(), nowMs);
        } else if (event instanceof MasterEvent.PowerOnResultReceived r) {
            powerOnResult(r.from(), r.result(), nowMs);
        } else if (event instanceof MasterEvent.LeaseHeld l) {
            leaseHeld(l.datastore(), l.generation(), l.validUntilMs());
        } else if (event instanceof MasterEvent.LeaseLost l) {
            leaseLost(l.datastore(), l.reason());
        } else if (event instanceof MasterEvent.ProtectedListLoaded l) {
            loaded(l.datastore(), l.read(), nowMs);
        } else if (event instanceof MasterEvent.ProtectedListWritten w) {
            written(w.datastore(), w.version(), w.ok(), w.error(), nowMs);
        } else if (event instanceof MasterEvent.HeartbeatObserved h) {
            heartbeatObserved(h.host(), h.datastore(), h.counter(), nowMs);
        } else if (event instanceof MasterEvent.AnswerHost a) {
            sendHeartbeat(a.host());
        } else if (event instanceof MasterEvent.OverridesChanged o) {
            overridesChanged(o.configVersion(), o.overrides());
        }
        List<MasterAction> result = out;
        out = new ArrayList<>();
        return result;
    }

    /** This host's claim changed (datastores lost or regained). */
    public void claimChanged(Claim newClaim) {
        this.claim = newClaim;
    }

    // ---------------------------------------------------------------- tick

    private void tick(long now) {
        if (lastHeartbeatSentMs == Long.MIN_VALUE || now - lastHeartbeatSentMs >= timing.heartbeatIntervalMs()) {
            lastHeartbeatSentMs = now;
            downHosts = new ArrayList<>();
            for (HostRecord rec : hosts.values()) {
                if (!rec.live()) {
                    downHosts.add(rec.id());
                }
            }
            for (HostId h : hosts.keySet()) {
                sendHeartbeat(h);
            }
        }
        if (lastHeartbeatReadMs == Long.MIN_VALUE
                || now - lastHeartbeatReadMs >= timing.datastoreHeartbeatIntervalMs()) {
            lastHeartbeatReadMs = now;
            requestHeartbeatReads();
        } else {
            // Classify on ticks without reads in flight, so a verdict never misses the reads
            // requested in the same tick.
            classifyHosts(now);
        }
        for (DatastoreBook book : books.values()) {
            if (book.held && !book.loaded && !book.loadRequested) {
                book.loadRequested = true;
                out.add(new MasterAction.ReadProtectedList(book.name));
            }
        }
        if (protectionDirty || lastReconcileMs == Long.MIN_VALUE || now - lastReconcileMs >= RECONCILE_INTERVAL_MS) {
            protectionDirty = false;
            lastReconcileMs = now;
            reconcileProtection(now);
        }
        ensureRestarts(now);
        progressRestarts(now);
        flushWrites(now);
        if (writesInFlight == 0) {
            sendDurableRequests(now); // intents that needed no write
        }
    }

    private void sendHeartbeat(HostId to) {
        HostRecord rec = hosts.get(to);
        // Acknowledge only a report this master still holds: after a partition or a death verdict
        // the report is dropped (reported = false) and the slave must send it again.
        long acked = rec == null || !rec.reported ? -1 : rec.inventoryVersion;
        out.add(new MasterAction.Send(to, new MasterHeartbeat(configVersion, claim, acked, electionId, downHosts)));
    }

    private void requestHeartbeatReads() {
        HostRecord me = hosts.get(self);
        for (HostRecord rec : hosts.values()) {
            if (rec.id().equals(self)) {
                continue;
            }
            for (String ds : rec.spec.datastores()) {
                if (me.accessibleDatastores.contains(ds)) {
                    out.add(new MasterAction.ReadHeartbeat(rec.id(), ds));
                }
            }
        }
    }

    private void heartbeatObserved(HostId host, String ds, OptionalLong counter, long now) {
        HostRecord rec = hosts.get(host);
        if (rec == null) {
            return;
        }
        HeartbeatView view = rec.heartbeats.getOrDefault(ds, HeartbeatView.start(now));
        rec.heartbeats.put(ds, HeartbeatView.observe(view, counter, now));
    }

    /** What the datastore heartbeat says about a host that is silent on the network. */
    private enum StorageVerdict { ALIVE, DEAD, UNKNOWN }

    /**
     * ALIVE: a heartbeat file changed after the host fell silent on the network (a write we can
     * prove came later than its last network heartbeat). DEAD: every heartbeat file this master
     * reads has been unchanged for {@code datastoreHeartbeatTimeoutMs}, or the host has no
     * heartbeat datastore this master can read (FDM then decides on network silence alone).
     * UNKNOWN otherwise: the verdict is pending and the host keeps its state.
     */
    private StorageVerdict storageVerdict(HostRecord rec, long now) {
        if (rec.heartbeats.isEmpty()) {
            return now - startedMs < timing.datastoreHeartbeatTimeoutMs() ? StorageVerdict.UNKNOWN : StorageVerdict.DEAD;
        }
        boolean allStale = true;
        for (HeartbeatView v : rec.heartbeats.values()) {
            if (!HeartbeatView.stale(v, now, timing.datastoreHeartbeatTimeoutMs())) {
                allStale = false;
                if (HeartbeatView.changedAfter(v, rec.lastHeardMs, timing.datastoreHeartbeatIntervalMs())) {
                    return StorageVerdict.ALIVE;
                }
            }
        }
        return allStale ? StorageVerdict.DEAD : StorageVerdict.UNKNOWN;
    }

    private void classifyHosts(long now) {
        for (HostRecord rec : hosts.values()) {
            if (rec.id().equals(self)) {
                continue;
            }
            HostState next;
            if (now - rec.lastHeardMs < timing.hostFailureTimeoutMs()) {
                next = HostState.CONNECTED_TO_MASTER;
            } else {
                next = switch (storageVerdict(rec, now)) {
                    case ALIVE -> HostState.NETWORK_PARTITIONED_FROM_MASTER;
                    case DEAD -> HostState.HOST_DOWN;
                    case UNKNOWN -> rec.state; // verdict pending
                };
            }
            if (next != rec.state) {
                changeState(rec, next, now);
            }
        }
    }

    private void changeState(HostRecord rec, HostState next, long now) {
        HostState previous = rec.state;
        rec.state = next;
        protectionDirty = true;
        rec.stateSinceMs = now;
        String message = switch (next) {
            case HOST_DOWN -> rec.id() + " declared dead: "
                    + (rec.everHeard ? "no network heartbeat for " + seconds(now - rec.lastHeardMs) + " s"
                                     : "never heard by this master")
                    + " and no datastore heartbeat";
            case NETWORK_PARTITIONED_FROM_MASTER -> rec.id()
                    + " is isolated or partitioned: network silent, datastore heartbeat alive; its VMs are not restarted";
            case CONNECTED_TO_MASTER -> rec.id() + " connected (was " + previous.vsphereName() + ")";
            default -> rec.id() + " is " + next.vsphereName();
        };
        if (next != HostState.CONNECTED_TO_MASTER) {
            rec.reported = false;
        } else {
            restartsSkippedFor.remove(rec.id());
        }
        boolean firstConnect = next == HostState.CONNECTED_TO_MASTER && previous == HostState.CONNECTED_TO_MASTER;
        if (!firstConnect) {
            out.add(new MasterAction.Journal(EventKind.HOST_STATE_CHANGED, message, rec.id().moid(),
                    next == HostState.HOST_DOWN && rec.everHeard ? now - rec.lastHeardMs : -1));
        }
    }

    // ---------------------------------------------------------------- inputs from slaves

    private void slaveHeartbeat(HostId from, SlaveHeartbeat hb, long now) {
        HostRecord rec = hosts.get(from);
        if (rec == null || !self.equals(hb.master())) {
            return;
        }
        rec.lastHeardMs = now;
        rec.everHeard = true;
        rec.heardByThisMaster = true;
        rec.accessibleDatastores = new java.util.TreeSet<>(hb.accessibleDatastores());
    }

    private void report(HostId from, VmReport report, long now) {
        HostRecord rec = hosts.get(from);
        if (rec == null) {
            return;
        }
        rec.lastHeardMs = now;
        rec.everHeard = true;
        rec.heardByThisMaster = true;
        if (report.bootId() == rec.bootId && report.inventoryVersion() < rec.inventoryVersion && rec.reported) {
            return; // an old report overtaken by a newer one of the same boot
        }
        Map<VmId, VmInfo> vms = new LinkedHashMap<>();
        for (VmInfo vm : report.vms()) {
            vms.put(vm.id(), vm);
        }
        rec.vms = vms;
        rec.bootId = report.bootId();
        rec.inventoryVersion = report.inventoryVersion();
        rec.reported = true;
        protectionDirty = true;
    }

    private void powerOnResult(HostId from, PowerOnResult result, long now) {
        Restart r = restarts.get(result.vm());
        if (r == null || r.requestId != result.requestId() || !from.equals(r.target)) {
            return;
        }
        DatastoreBook book = books.get(r.datastore);
        ProtectedVm entry = book == null ? null : book.vms.get(r.vm);
        if (result.success()) {
            restarts.remove(r.vm);
            if (entry != null && entry.priority().rank() == 0) {
                // Restart priority disabled: registered on a live host, not powered on (FDM since
                // 6.0). A VM that is not running is not protected any more.
                book.remove(r.vm);
                out.add(new MasterAction.Journal(EventKind.RESTART_SUCCEEDED, r.vm + " registered on " + from
                        + ", not powered on (restart priority disabled)", r.vm.moid(), now - r.failureMs));
                return;
            }
            if (entry != null) {
                HostRecord target = hosts.get(from);
                book.put(entry.withHost(from, target == null ? 0 : target.bootId).withRestartTarget(null));
                if (target != null) {
                    target.vms.put(r.vm, entry.toVmInfo());
                }
            }
            out.add(new MasterAction.Journal(EventKind.RESTART_SUCCEEDED,
                    r.vm + " running on " + from + " (was on " + r.failedHost + ")", r.vm.moid(), now - r.failureMs));
            return;
        }
        r.lastError = result.error();
        r.failedOn.add(from);
        if (entry != null) {
            book.put(entry.withRestartTarget(null));
        }
        if (r.attempts >= timing.restartMaxAttempts()) {
            r.phase = Restart.Phase.FAILED;
            out.add(new MasterAction.Journal(EventKind.RESTART_FAILED,
                    r.vm + " not restarted after " + r.attempts + " attempts: " + result.error(), r.vm.moid(), -1));
        } else {
            long delay = timing.restartBackoffMs() << Math.min(20, r.attempts - 1);
            r.phase = Restart.Phase.WAITING_RETRY;
            r.nextAttemptMs = now + delay;
            out.add(new MasterAction.Journal(EventKind.RESTART_FAILED,
                    r.vm + " power-on on " + from + " failed (attempt " + r.attempts + "): " + result.error()
                            + "; retry in " + seconds(delay) + " s", r.vm.moid(), -1));
        }
    }

    // ---------------------------------------------------------------- leases and protectedlists

    private void leaseHeld(String ds, long generation, long validUntilMs) {
        DatastoreBook book = books.get(ds);
        if (book == null) {
            return;
        }
        if (!book.held || book.generation != generation) {
            book.lose();
            book.held = true;
            book.generation = generation;
        }
        book.validUntilMs = validUntilMs;
    }

    private void leaseLost(String ds, String reason) {
        DatastoreBook book = books.get(ds);
        if (book == null || !book.held) {
            return;
        }
        book.lose();
        restarts.values().removeIf(r -> r.datastore.equals(ds));
    }

    private void loaded(String ds, ProtectedListRead read, long now) {
        DatastoreBook book = books.get(ds);
        if (book == null || !book.held || book.loaded) {
            return;
        }
        book.vms.clear();
        if (read instanceof ProtectedListRead.Found f && f.list().clusterId().equals(config.clusterId())) {
            for (ProtectedVm vm : f.list().vms()) {
                book.vms.put(vm.vm(), vm);
            }
            book.version = f.list().version();
            out.add(new MasterAction.Journal(EventKind.PROTECTION_CHANGED,
                    "protectedlist of " + ds + " loaded: " + book.vms.size() + " protected VMs", ds, -1));
        } else if (read instanceof ProtectedListRead.Missing) {
            book.version = 0;
        } else if (read instanceof ProtectedListRead.Unreadable u) {
            book.loadRequested = false; // try again next tick
            return;
        } else {
            String why = read instanceof ProtectedListRead.Corrupt c ? c.reason() : "written for another cluster";
            book.version = 0;
            out.add(new MasterAction.Journal(EventKind.PROTECTEDLIST_REBUILT,
                    "protectedlist of " + ds + " is corrupt (" + why + "): rebuilt from the hosts' reports", ds, -1));
        }
        book.loaded = true;
        protectionDirty = true;
        book.dirty = true; // stamp it with our generation at once
    }

    private void written(String ds, long version, boolean ok, String error, long now) {
        writesInFlight = Math.max(0, writesInFlight - 1);
        DatastoreBook book = books.get(ds);
        if (book != null && book.held) {
            if (ok) {
                book.version = Math.max(book.version, version);
            } else {
                book.dirty = true;
            }
        }
        if (writesInFlight == 0) {
            sendDurableRequests(now);
        }
    }

    /**
     * Sends every power-on request whose intent is on disk, across all datastores, highest
     * priority first: called once the writes of a round are all answered, so the order does not
     * depend on which datastore's write finished first.
     */
    private void sendDurableRequests(long now) {
        List<Restart> ready = new ArrayList<>();
        for (Restart r : restarts.values()) {
            DatastoreBook book = books.get(r.datastore);
            if (r.phase == Restart.Phase.INTENT && book != null && book.held && r.intentVersion <= book.version) {
                ready.add(r);
            }
        }
        ready.sort(RESTART_ORDER_BY_PRIORITY.apply(this));
        for (Restart r : ready) {
            sendRequest(r, books.get(r.datastore), now);
        }
    }

    private void flushWrites(long now) {
        for (DatastoreBook book : books.values()) {
            if (book.dirty && book.ready(now)) {
                book.dirty = false;
                writesInFlight++;
                out.add(new MasterAction.WriteProtectedList(book.name, book.snapshot(config.clusterId(), self)));
            }
        }
    }

    // ---------------------------------------------------------------- protection

    private void overridesChanged(long version, List<VmOverride> next) {
        configVersion = version;
        overrides.clear();
        next.forEach(o -> overrides.put(o.vm(), o));
        protectionDirty = true;
        out.add(new MasterAction.Journal(EventKind.CONFIG_CHANGED, "configuration version " + version
                + " applied in place: " + next.size() + " VM overrides", self.moid(), -1));
    }

    private void reconcileProtection(long now) {
        Map<VmId, HostId> runningOn = new HashMap<>();
        for (HostRecord rec : hosts.values()) {
            if (!rec.live() || !rec.reported) {
                continue;
            }
            for (VmInfo vm : rec.vms.values()) {
                DatastoreBook book = books.get(vm.homeDatastore());
                if (book == null || !book.ready(now)) {
                    continue;
                }
                Optional<VmOverride> override = Optional.ofNullable(overrides.get(vm.id()));
                boolean protect = override.map(VmOverride::protect).orElse(true);
                ProtectedVm entry = book.vms.get(vm.id());
                Restart restart = restarts.get(vm.id());
                if (vm.poweredOn()) {
                    HostId other = runningOn.putIfAbsent(vm.id(), rec.id());
                    if (other != null) {
                        out.add(new MasterAction.Journal(EventKind.PROTECTION_CHANGED,
                                vm.id() + " reported powered on by both " + other + " and " + rec.id(), vm.id().moid(), -1));
                        continue;
                    }
                    if (!protect) {
                        if (entry != null) {
                            book.remove(vm.id());
                            out.add(new MasterAction.Journal(EventKind.PROTECTION_CHANGED,
                                    vm.id() + " unprotected: excluded by its HA override", vm.id().moid(), -1));
                        }
                        continue;
                    }
                    ProtectedVm wanted = ProtectedVm.of(vm, override.map(VmOverride::priority).orElse(null), rec.id(),
                            rec.bootId);
                    if (entry == null) {
                        book.put(wanted);
                        out.add(new MasterAction.Journal(EventKind.PROTECTION_CHANGED,
                                vm.id() + " protected (on " + rec.id() + ")", vm.id().moid(), -1));
                    } else if (!entry.equals(wanted)) {
                        if (restart == null && rec.id().equals(entry.restartTarget())) {
                            out.add(new MasterAction.Journal(EventKind.RESTART_SUCCEEDED, vm.id() + " running on "
                                    + rec.id() + ": the restart a previous master requested there completed",
                                    vm.id().moid(), -1));
                        }
                        book.put(wanted);
                    }
                    if (restart != null) {
                        restarts.remove(vm.id());
                        out.add(new MasterAction.Journal(EventKind.RESTART_SUCCEEDED,
                                vm.id() + " running on " + rec.id() + " (was on " + restart.failedHost + ")",
                                vm.id().moid(), now - restart.failureMs));
                    }
                } else if (entry != null && entry.host().equals(rec.id()) && restart == null
                        && entry.restartTarget() == null && entry.hostBoot() == rec.bootId) {
                    book.remove(vm.id());
                    out.add(new MasterAction.Journal(EventKind.PROTECTION_CHANGED,
                            vm.id() + " unprotected: powered off on " + rec.id(), vm.id().moid(), -1));
                }
            }
        }
    }

    // ---------------------------------------------------------------- restarts

    private boolean down(HostId host) {
        HostRecord rec = hosts.get(host);
        return rec == null || rec.state == HostState.HOST_DOWN;
    }

    private void ensureRestarts(long now) {
        Map<HostId, Integer> skipped = new TreeMap<>();
        for (DatastoreBook book : books.values()) {
            if (!book.ready(now)) {
                continue;
            }
            for (ProtectedVm entry : book.vms.values()) {
                if (restarts.containsKey(entry.vm())) {
                    continue;
                }
                HostId target = entry.restartTarget();
                boolean needed;
                if (target != null) {
                    // A previous master's (or our own earlier) intent: trust it until its host
                    // reports without the VM, or dies.
                    HostRecord t = hosts.get(target);
                    boolean targetAnswered = t != null && t.live() && t.reported && !poweredOnAt(t, entry.vm());
                    needed = down(target) || (targetAnswered && (down(entry.host()) || wentDownWithReboot(entry)));
                } else {
                    needed = down(entry.host()) || wentDownWithReboot(entry);
                }
                if (needed && !config.haPolicy().hostMonitoring()) {
                    skipped.merge(entry.host(), 1, Integer::sum);
                } else if (needed) {
                    HostRecord failed = hosts.get(entry.host());
                    long failureMs = failed != null && failed.everHeard ? failed.lastHeardMs : now;
                    restarts.put(entry.vm(), new Restart(entry.vm(), book.name, entry.host(), failureMs));
                }
            }
        }
        skipped.forEach((host, count) -> {
            if (restartsSkippedFor.add(host)) {
                out.add(new MasterAction.Journal(EventKind.RESTART_SKIPPED, count + " protected VM" + (count == 1 ? "" : "s")
                        + " of " + host + " not restarted: host monitoring is disabled for this cluster", host.moid(), -1));
            }
        });
    }

    /**
     * The VM's host is live but has rebooted since it was seen running the VM, and the VM is not
     * running there now: it went down with the host (a restart faster than failure detection).
     */
    private boolean wentDownWithReboot(ProtectedVm entry) {
        HostRecord rec = hosts.get(entry.host());
        return rec != null && rec.live() && rec.reported && entry.hostBoot() != 0
                && rec.bootId != entry.hostBoot() && !poweredOnAt(rec, entry.vm());
    }

    private static boolean poweredOnAt(HostRecord rec, VmId vm) {
        VmInfo info = rec.vms.get(vm);
        return info != null && info.poweredOn();
    }

    /**
     * The restart gate: every host this master hears from has reported its inventory, so a VM
     * already running somewhere is seen before it is placed again. A host not heard at all in the
     * master's first {@code 2 x heartbeatIntervalMs} (a live agent sends a heartbeat every
     * interval) does not hold the gate: it is dead or cut off, its verdict is pending, and VMs a
     * previous master was restarting on it carry it as their restart target and wait for it.
     */
    private boolean everyConnectedHostReported(long now) {
        boolean pastFirstHeartbeats = now - startedMs >= 2 * timing.heartbeatIntervalMs();
        for (HostRecord rec : hosts.values()) {
            if (rec.live() && !rec.reported && (rec.heardByThisMaster || !pastFirstHeartbeats)) {
                return false;
            }
        }
        return true;
    }

    private void progressRestarts(long now) {
        if (restarts.isEmpty() || !everyConnectedHostReported(now)) {
            return;
        }
        List<Restart> toPlace = new ArrayList<>();
        for (Restart r : restarts.values()) {
            DatastoreBook book = books.get(r.datastore);
            if (book == null || !book.ready(now)) {
                continue;
            }
            switch (r.phase) {
                case PENDING -> toPlace.add(r);
                case WAITING_RETRY -> {
                    if (now >= r.nextAttemptMs) {
                        toPlace.add(r);
                    }
                }
                case REQUESTED -> {
                    if (down(r.target)) {
                        // The target died with our request: place again, not counted as a failure.
                        r.attempts = Math.max(0, r.attempts - 1);
                        ProtectedVm entry = book.vms.get(r.vm);
                        if (entry != null) {
                            book.put(entry.withRestartTarget(null));
                        }
                        toPlace.add(r);
                    } else if (now - r.sentMs >= timing.powerOnTimeoutMs() && hosts.get(r.target).live()) {
                        sendRequest(r, book, now); // idempotent on the slave
                    }
                }
                default -> {
                }
            }
        }
        if (toPlace.isEmpty()) {
            return;
        }
        toPlace.sort(RESTART_ORDER_BY_PRIORITY.apply(this));
        Placement placement = new Placement(rooms(), timing.maxConcurrentPowerOnsPerHost());
        for (Restart r : toPlace) {
            DatastoreBook book = books.get(r.datastore);
            ProtectedVm entry = book.vms.get(r.vm);
            if (entry == null) {
                restarts.remove(r.vm); // no longer protected
                continue;
            }
            Optional<HostId> target = placement.place(entry, r.failedOn);
            if (target.isEmpty()) {
                r.phase = Restart.Phase.PENDING;
                if (!r.announcedUnplaceable) {
                    r.announcedUnplaceable = true;
                    out.add(new MasterAction.Journal(EventKind.RESTART_FAILED,
                            r.vm + " waits for placement: no live host reaches " + entry.homeDatastore()
                                    + " with room for it", r.vm.moid(), -1));
                }
                continue;
            }
            r.target = target.get();
            r.phase = Restart.Phase.INTENT;
            r.attempts++;
            r.requestId = nextRequestId++;
            ProtectedVm intent = entry.withRestartTarget(r.target);
            // Already on disk when the list names this target (a previous master's intent).
            r.intentVersion = intent.equals(entry) ? book.version : book.version + 1;
            book.put(intent);
        }
    }

    /** Highest restart priority first, then the earliest failure, then the VM's MOID. */
    private static final java.util.function.Function<MasterMachine, Comparator<Restart>> RESTART_ORDER_BY_PRIORITY =
            m -> Comparator.comparingInt((Restart r) -> -m.entryOf(r).map(e -> e.priority().rank()).orElse(0))
                    .thenComparingLong(r -> r.failureMs)
                    .thenComparing(r -> r.vm);

    private Optional<ProtectedVm> entryOf(Restart r) {
        DatastoreBook book = books.get(r.datastore);
        return book == null ? Optional.empty() : Optional.ofNullable(book.vms.get(r.vm));
    }

    private List<Placement.Room> rooms() {
        Map<HostId, Integer> inFlight = new HashMap<>();
        Map<HostId, long[]> inFlightReservations = new HashMap<>();
        for (Restart r : restarts.values()) {
            if ((r.phase == Restart.Phase.INTENT || r.phase == Restart.Phase.REQUESTED) && r.target != null) {
                inFlight.merge(r.target, 1, Integer::sum);
                entryOf(r).ifPresent(e -> {
                    long[] sum = inFlightReservations.computeIfAbsent(r.target, k -> new long[2]);
                    sum[0] += e.cpuMhz();
                    sum[1] += e.memoryMb();
                });
            }
        }
        List<Placement.Room> rooms = new ArrayList<>();
        for (HostRecord rec : hosts.values()) {
            if (!rec.live() || !rec.reported) {
                continue;
            }
            long[] pending = inFlightReservations.getOrDefault(rec.id(), new long[2]);
            rooms.add(new Placement.Room(rec.id(), rec.accessibleDatastores,
                    rec.spec.cpuMhz() - rec.reservedCpuMhz() - pending[0],
                    rec.spec.memoryMb() - rec.reservedMemoryMb() - pending[1],
                    rec.poweredOnCount(), inFlight.getOrDefault(rec.id(), 0)));
        }
        return rooms;
    }

    private void sendRequest(Restart r, DatastoreBook book, long now) {
        ProtectedVm entry = book.vms.get(r.vm);
        if (entry == null) {
            restarts.remove(r.vm);
            return;
        }
        boolean first = r.phase == Restart.Phase.INTENT;
        r.phase = Restart.Phase.REQUESTED;
        r.sentMs = now;
        boolean powerOn = entry.priority().rank() > 0;
        out.add(new MasterAction.Send(r.target,
                new PowerOnRequest(r.requestId, entry.toVmInfo(), book.generation, powerOn)));
        if (first) {
            out.add(new MasterAction.Journal(EventKind.RESTART_REQUESTED,
                    r.vm + (powerOn ? " power-on" : " register (priority disabled)") + " requested on " + r.target
                            + " (attempt " + r.attempts + ")", r.vm.moid(), now - r.failureMs));
        }
    }

    // ---------------------------------------------------------------- views

    /** A read-only view of the master's knowledge, for status output. */
    public MasterView view(long nowMs) {
        return new MasterView(this, nowMs);
    }

    Map<HostId, HostRecord> hosts() {
        return hosts;
    }

    Map<String, DatastoreBook> books() {
        return books;
    }

    Map<VmId, Restart> restarts() {
        return restarts;
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
