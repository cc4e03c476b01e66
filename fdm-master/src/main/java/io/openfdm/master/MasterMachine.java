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
import io.openfdm.datastore.heartbeat.HeartbeatDatastoreSelection;
import io.openfdm.datastore.heartbeat.HeartbeatView;
import io.openfdm.datastore.poweron.PoweredOffMarker;
import io.openfdm.datastore.protectedlist.ProtectedVm;
import io.openfdm.master.MasterEvent.ProtectedListRead;
import io.openfdm.master.admission.AdmissionMonitor;
import io.openfdm.master.hoststate.HostObservation;
import io.openfdm.master.hoststate.HostObservation.DatastoreHeartbeat;
import io.openfdm.master.hoststate.HostStateTable;
import io.openfdm.master.hoststate.HostStateTiming;
import io.openfdm.master.hoststate.IsolationRestartRule;
import io.openfdm.master.hoststate.ManagementAddress;
import io.openfdm.master.hoststate.PoweredOffMarkers;
import io.openfdm.master.restart.FailoverHostPreference;
import io.openfdm.master.restart.PlacementRules;
import io.openfdm.master.restart.RestartOrder;
import io.openfdm.master.restart.RestartRank;
import io.openfdm.master.restart.RetrySchedule;
import io.openfdm.master.restart.StartedVms;

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
 *   <li>Every slave is classified by {@link HostStateTable} (FDM's decision table, vSphere HA
 *       Deepdive): a silent host is <b>dead</b> ({@code hostDown}) only when its network
 *       heartbeats have stopped for {@code hostFailureTimeoutMs}, all its datastore heartbeat
 *       files have been unchanged for {@code datastoreHeartbeatTimeoutMs} and its management
 *       address does not answer a ping; an answering address with a silent agent is
 *       {@code fdmUnreachable}; network silent with a live datastore heartbeat is
 *       {@code networkIsolated} or {@code networkPartitionedFromMaster} by its poweron file's
 *       flag. Only a dead host's VMs are restarted outright.</li>
 *   <li>A VM of an isolated host is restarted only once that host has powered it off: gone from
 *       its poweron file and a poweredoff marker naming the host ({@link IsolationRestartRule});
 *       the marker is deleted once the VM runs again.</li>
 *   <li>A VM is restarted only while this host holds the lease of its home datastore and has
 *       loaded that datastore's protectedlist (FDM: the master that locked protectedlist owns the
 *       VM).</li>
 *   <li>No restart is placed until every connected host has reported its inventory to this
 *       master, so a VM a previous master already restarted is seen running, not started twice.</li>
 *   <li>The chosen target is written into the protectedlist ({@code restartTarget}) before the
 *       power-on request is sent. A new master that finds a target there waits for that host's
 *       report instead of restarting blindly; slaves refuse requests whose lease generation is no
 *       longer the lease file's, so a deposed master cannot act late.</li>
 *   <li>Higher restart priorities are placed first; with a ready condition, lower priorities and
 *       dependent VMs wait for readiness ({@link RestartOrder}). Failures are retried on the
 *       policy's schedule ({@link RetrySchedule}; FDM: 5 attempts at T0, T2m, T6m, T14m, T30m); the
 *       attempts made, the last error and the next attempt's wall-clock time are kept in the
 *       protectedlist entry, so a new master continues the count (FDM's new master starts over).
 *       A VM no host can take waits on the pending-placement list, retried every round without
 *       counting an attempt; VM-host and VM-VM rules are checked by {@link Placement}.</li>
 *   <li>A protected VM that a live host reports powered off, with no restart under way, was
 *       powered off by a user and is removed from the protectedlist.</li>
 *   <li>With host monitoring disabled ({@code HaPolicy.hostMonitoring() == false}) VMs stay
 *       protected but nothing is restarted: vSphere HA restarts no VM while host monitoring is
 *       off. The master journals this once per failed host ({@code RESTART_SKIPPED}). The
 *       isolation response is applied by the isolated host itself ({@code io.openfdm.agent.isolation});
 *       the master restarts only the VMs it powered off ({@code hoststate.IsolationRestartRule}).</li>
 *   <li>Admission control: the failover capacity is recomputed with every reconcile and a change
 *       of verdict is journaled once ({@code ADMISSION_CONTROL_WARNING} / {@code _OK}, see
 *       {@link io.openfdm.master.admission.FailoverCapacity}); it never blocks a restart.</li>
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
    private final RetrySchedule retries;
    private final RestartOrder order;
    private final PlacementRules placementRules;
    /** The failoverHosts admission control policy's hosts, which placement tries first. */
    private final FailoverHostPreference failoverHosts;
    /** VMs this master powered on whose readiness still matters to orchestration. */
    private final StartedVms startedVms = new StartedVms();
    /** Wall-clock ms minus monotonic ms at the last step that gave the wall clock. */
    private long wallOffsetMs;
    private Claim claim;
    private final long electionId;
    private final long startedMs;
    private final Map<HostId, HostRecord> hosts = new TreeMap<>();
    private final Map<String, DatastoreBook> books = new TreeMap<>();
    private final Map<VmId, Restart> restarts = new TreeMap<>();
    /**
     * Protected VMs their own host reports powered off, and when this master first saw it: such a
     * VM is unprotected (a user's power-off) only once a markers listing requested a while after
     * that has answered without a poweredoff marker for it, because the host writes the marker of
     * a VM its isolation response powered off only when it sees the VM off, as the report goes out
     * (random tier seed 276: the guest of a "shut down" response went down after the isolation had
     * ended, and the report beat the marker).
     */
    private final Map<VmId, Long> reportedOffMs = new TreeMap<>();
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
    private final HeartbeatDatastoreSelection heartbeatSelection;
    private final PoweredOffMarkers markers = new PoweredOffMarkers();
    /** When the poweredoff markers are listed, and which listings answered. */
    private final io.openfdm.master.markers.MarkerReadSchedule markerReads = new io.openfdm.master.markers.MarkerReadSchedule();
    /** Admission control: journals when the failover capacity stops or starts meeting the policy. */
    private final AdmissionMonitor admission = new AdmissionMonitor();

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
        this.retries = RetrySchedule.of(config.restartPolicy());
        this.order = new RestartOrder(config.restartPolicy());
        this.placementRules = PlacementRules.of(config.restartPolicy());
        this.failoverHosts = FailoverHostPreference.of(config.haPolicy());
        this.claim = claim;
        this.startedMs = nowMs;
        this.heartbeatSelection = new HeartbeatDatastoreSelection(config);
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

    /**
     * Feeds one event; returns what to do, in order.
     *
     * @param nowMs  monotonic ms now
     * @param wallMs wall-clock ms now (Unix epoch): only for the next-attempt times persisted in
     *               the protectedlist, which another host's master reads
     */
    public List<MasterAction> step(MasterEvent event, long nowMs, long wallMs) {
        wallOffsetMs = wallMs - nowMs;
        return step(event, nowMs);
    }

    /** Feeds one event, taking the wall clock as moved with the monotonic one since the last {@link #step(MasterEvent, long, long)}. */
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
        } else if (event instanceof MasterEvent.AddressProbed p) {
            addressProbed(p, nowMs);
        } else if (event instanceof MasterEvent.PoweronObserved p) {
            HostRecord rec = hosts.get(p.host());
            if (rec != null) {
                rec.evidence.poweronObserved(p.datastore(), p.record());
            }
        } else if (event instanceof MasterEvent.PoweredOffMarkersRead m) {
            markersRead(m.datastore(), m.markers(), nowMs);
        } else if (event instanceof MasterEvent.ElectionClaimHeard c) {
            HostRecord rec = hosts.get(c.host());
            if (rec != null) {
                rec.evidence.electionHeard(nowMs);
            }
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
            readPoweronFilesAndMarkers(now);
        } else {
            // Classify on ticks without reads in flight, so a verdict never misses the reads
            // requested in the same tick.
            classifyHosts(now);
        }
        actOnVerdicts(now);
    }

    /** Loads lists, reconciles protection, places and sends restarts: the tick's work after the verdicts. */
    private void actOnVerdicts(long now) {
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
            checkAdmission();
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
            // The host's heartbeat datastores as it chooses them from what it last said it reaches,
            // and as it chooses them when it reaches all its datastores: a host that lost a
            // datastore briefly and then went silent on the network writes to the second set
            // again, and reading only the first would mistake it for dead (random tier seed 622).
            java.util.Set<String> toRead = new java.util.TreeSet<>(heartbeatSelection.choose(rec.spec, rec.accessibleDatastores));
            toRead.addAll(heartbeatSelection.choose(rec.spec, new java.util.TreeSet<>(rec.spec.datastores())));
            for (String ds : toRead) {
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

    /**
     * ALIVE: a heartbeat file changed after the host fell silent on the network (a write we can
     * prove came later than its last network heartbeat). DEAD: every heartbeat file this master
     * reads has been unchanged for {@code datastoreHeartbeatTimeoutMs}, or the host has no
     * heartbeat datastore this master can read (FDM then decides on network silence alone).
     * UNKNOWN otherwise: the verdict is pending and the host keeps its state.
     */
    private DatastoreHeartbeat storageVerdict(HostRecord rec, long now) {
        if (rec.heartbeats.isEmpty()) {
            return now - startedMs < timing.datastoreHeartbeatTimeoutMs() ? DatastoreHeartbeat.UNKNOWN : DatastoreHeartbeat.DEAD;
        }
        boolean allStale = true;
        for (HeartbeatView v : rec.heartbeats.values()) {
            if (!HeartbeatView.stale(v, now, timing.datastoreHeartbeatTimeoutMs())) {
                allStale = false;
                if (HeartbeatView.changedAfter(v, rec.lastHeardMs, timing.datastoreHeartbeatIntervalMs())) {
                    return DatastoreHeartbeat.ALIVE;
                }
            }
        }
        return allStale ? DatastoreHeartbeat.DEAD : DatastoreHeartbeat.UNKNOWN;
    }

    private void classifyHosts(long now) {
        for (HostRecord rec : hosts.values()) {
            if (!rec.id().equals(self)) {
                classifyHost(rec, now);
            }
        }
    }

    /** One row of {@link HostStateTable} for {@code rec}; pings it first when it is silent. */
    private void classifyHost(HostRecord rec, long now) {
        boolean fresh = now - rec.lastHeardMs < timing.hostFailureTimeoutMs();
        boolean probeable = ManagementAddress.probeable(rec.spec.address());
        long probeTimeoutMs = HostStateTiming.probeTimeoutMs(timing);
        if (!fresh && probeable && rec.state != HostState.HOST_DOWN
                && rec.evidence.probeDue(rec.lastHeardMs, now, HostStateTiming.probeIntervalMs(timing))) {
            rec.evidence.probeSent(rec.lastHeardMs, now);
            out.add(new MasterAction.ProbeAddress(rec.id(), rec.spec.address(), probeTimeoutMs, now));
        }
        HostObservation in = new HostObservation(false, fresh,
                rec.evidence.electionHeardWithin(now, timing.hostFailureTimeoutMs()), rec.agentEverRan(),
                fresh ? DatastoreHeartbeat.UNKNOWN : storageVerdict(rec, now),
                rec.evidence.probe(rec.lastHeardMs, now, probeable, probeTimeoutMs), rec.evidence.isolationFlag());
        HostState next = HostStateTable.classify(in, rec.state);
        if (next != rec.state) {
            changeState(rec, next, now);
        }
    }

    private void addressProbed(MasterEvent.AddressProbed p, long now) {
        HostRecord rec = hosts.get(p.host());
        if (rec == null || rec.id().equals(self)) {
            return;
        }
        rec.evidence.probed(p.sentMs(), p.answered());
        HostState before = rec.state;
        classifyHost(rec, now);
        if (rec.state != before) {
            actOnVerdicts(now); // as the tick that sent the ping would have, had the answer been there
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
            case NETWORK_PARTITIONED_FROM_MASTER -> rec.evidence.poweron().isEmpty()
                    ? rec.id() + " is isolated or partitioned: network silent, datastore heartbeat alive; its VMs are not restarted"
                    : rec.id() + " is partitioned from the master: network silent, datastore heartbeat alive, not isolated"
                            + " (poweron file); its VMs are not restarted";
            case NETWORK_ISOLATED -> rec.id() + " is isolated: network silent, datastore heartbeat alive, isolation flag"
                    + " set in its poweron file; its VMs are restarted only once it has powered them off";
            case FDM_UNREACHABLE -> rec.id() + " agent unreachable: network and datastore heartbeats silent but its"
                    + " management address " + rec.spec.address() + " answers; its VMs are not restarted";
            case UNINITIALIZED -> rec.id() + " is uninitialized: its management address " + rec.spec.address()
                    + " answers but its agent has never run in this cluster";
            case ELECTION -> rec.id() + " is electing: network heartbeats silent, election claims heard";
            case CONNECTED_TO_MASTER -> rec.id() + " connected (was " + previous.vsphereName() + ")";
            default -> rec.id() + " is " + next.vsphereName();
        };
        message = HostModeRules.describe(rec, next, message);
        if (next != HostState.CONNECTED_TO_MASTER) {
            rec.reported = false; // sendHeartbeat then acks no inventory, so the slave reports again
        } else {
            restartsSkippedFor.remove(rec.id());
            rec.evidence.reconnected(now);
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
        HostModeRules.heard(rec, hb.hostMode()).ifPresent(j -> {
            out.add(j);
            protectionDirty = true;
        });
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
                book.put(entry.withHost(from, target == null ? 0 : target.bootId).withRestartTarget(null)
                        .withoutRestartHistory());
                if (target != null) {
                    target.vms.put(r.vm, entry.toVmInfo());
                }
                if (!order.trivial()) {
                    startedVms.started(r.vm, rankOf(entry), from, r.sentMs);
                }
            }
            out.add(new MasterAction.Journal(EventKind.RESTART_SUCCEEDED,
                    r.vm + " running on " + from + " (was on " + r.failedHost + ")", r.vm.moid(), now - r.failureMs));
            return;
        }
        attemptFailed(r, book, entry, from, result.error(), now);
    }

    /** Attempt {@code r.attempts} on {@code from} failed with {@code error}: retry later, or give up. */
    private void attemptFailed(Restart r, DatastoreBook book, ProtectedVm entry, HostId from, String error, long now) {
        r.lastError = error;
        r.failedOn.add(from);
        if (retries.exhausted(r.attempts)) {
            r.phase = Restart.Phase.FAILED;
            r.nextAttemptWallMs = 0;
            if (entry != null) {
                book.put(entry.withRestartTarget(null).withRestartHistory(r.attempts, r.lastError, 0));
            }
            out.add(new MasterAction.Journal(EventKind.RESTART_FAILED,
                    r.vm + " not restarted after " + r.attempts + " attempts: " + error, r.vm.moid(), -1));
        } else {
            long delay = retries.waitAfterFailureMs(r.attempts);
            r.phase = Restart.Phase.WAITING_RETRY;
            r.nextAttemptMs = now + delay;
            r.nextAttemptWallMs = wallMs(now) + delay;
            if (entry != null) {
                book.put(entry.withRestartTarget(null).withRestartHistory(r.attempts, r.lastError, r.nextAttemptWallMs));
            }
            out.add(new MasterAction.Journal(EventKind.RESTART_FAILED,
                    r.vm + " power-on on " + from + " failed (attempt " + r.attempts + "): " + error
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
        book.loadedMs = now;
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
                    reportedOffMs.remove(vm.id());
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
                        && entry.restartTarget() == null && entry.hostBoot() == rec.bootId
                        && !markedPoweredOffBy(vm.id(), rec.id())
                        && markerReads.readSince(rec.evidence.reconnectedMs())
                        && markerReads.readSince(reportedOffMs.computeIfAbsent(vm.id(), k -> now)
                                + timing.datastoreHeartbeatTimeoutMs())) {
                    // (A host back from a silence may have powered the VM off as its isolation
                    // response: decide only once the markers were read after it came back, and
                    // after the marker of a VM it has just seen go off has had time to land.)
                    reportedOffMs.remove(vm.id());
                    book.remove(vm.id());
                    out.add(new MasterAction.Journal(EventKind.PROTECTION_CHANGED,
                            vm.id() + " unprotected: powered off on " + rec.id(), vm.id().moid(), -1));
                }
            }
        }
    }

    /** Recomputes the failover capacity (on a change, with the reconcile) and journals a new verdict. */
    private void checkAdmission() {
        admission.observe(CapacityInputs.compute(this)).ifPresent(t ->
                out.add(new MasterAction.Journal(t.kind(), t.message(), config.clusterId(), -1)));
    }

    // ---------------------------------------------------------------- restarts

    private boolean down(HostId host) {
        HostRecord rec = hosts.get(host);
        return rec == null || rec.state == HostState.HOST_DOWN;
    }

    private void ensureRestarts(long now) {
        Map<HostId, Integer> skipped = new TreeMap<>();
        List<ProtectedVm> outOfService = new ArrayList<>();
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
                    needed = down(target) || (targetAnswered
                            && (down(entry.host()) || wentDownWithReboot(entry) || poweredOffByHa(entry)))
                            || (t != null && !t.live() && (t.state == HostState.FDM_UNREACHABLE
                                    || t.evidence.poweronWrittenAfter(book.loadedMs + timing.powerOnTimeoutMs())
                                            .filter(p -> !p.poweredOn().contains(entry.vm())).isPresent()));
                } else {
                    needed = down(entry.host()) || wentDownWithReboot(entry) || poweredOffByHa(entry);
                }
                if (needed && HostModeRules.outOfService(hosts.get(entry.host()))
                        && (down(entry.host()) || wentDownWithReboot(entry))) {
                    outOfService.add(entry);
                } else if (needed && !config.haPolicy().hostMonitoring()) {
                    skipped.merge(entry.host(), 1, Integer::sum);
                } else if (needed) {
                    HostRecord failed = hosts.get(entry.host());
                    long failureMs = failed != null && failed.everHeard ? failed.lastHeardMs : now;
                    if (!down(entry.host()) && poweredOffByHa(entry)) {
                        out.add(new MasterAction.Journal(EventKind.RESTART_REQUESTED, entry.vm() + " was powered off by "
                                + entry.host() + " as its isolation response (poweredoff marker): restarting it",
                                entry.vm().moid(), -1));
                    }
                    Restart r = new Restart(entry.vm(), book.name, entry.host(), failureMs);
                    restarts.put(entry.vm(), r);
                    resumeHistory(r, entry, now);
                }
            }
        }
        for (ProtectedVm entry : outOfService) {
            DatastoreBook book = books.get(entry.homeDatastore());
            if (book != null) {
                book.remove(entry.vm());
            }
            HostRecord rec = hosts.get(entry.host());
            out.add(new MasterAction.Journal(EventKind.PROTECTION_CHANGED, entry.vm() + " unprotected: "
                    + entry.host() + " went down in " + rec.mode.displayName() + " mode (not a failure)",
                    entry.vm().moid(), -1));
        }
        skipped.forEach((host, count) -> {
            if (restartsSkippedFor.add(host)) {
                out.add(new MasterAction.Journal(EventKind.RESTART_SKIPPED, count + " protected VM" + (count == 1 ? "" : "s")
                        + " of " + host + " not restarted: host monitoring is disabled for this cluster", host.moid(), -1));
            }
        });
    }

    /** The VM's host is not dead but has powered it off as its isolation response ({@link IsolationRestartRule}). */
    private boolean poweredOffByHa(ProtectedVm entry) {
        HostRecord rec = hosts.get(entry.host());
        if (rec == null || markers.isEmpty()) {
            return false;
        }
        Optional<Boolean> reported = rec.live() && rec.reported ? Optional.of(poweredOnAt(rec, entry.vm())) : Optional.empty();
        return IsolationRestartRule.poweredOffByHa(entry.vm(), entry.host(), entry.hostBoot(), rec.state,
                rec.evidence.poweron(), markers.find(entry.vm()).map(PoweredOffMarkers.Located::marker), reported);
    }

    private boolean markedPoweredOffBy(VmId vm, HostId host) {
        return markers.find(vm).map(l -> l.marker().host().equals(host)).orElse(false);
    }

    /**
     * Reads the poweron files of hosts silent for {@link HostStateTiming#poweronWatchAfterMs} on
     * every datastore of theirs this master reaches, and the poweredoff markers on every datastore
     * it reaches, each every {@link HostStateTiming#poweronReadIntervalMs}.
     */
    private void readPoweronFilesAndMarkers(long now) {
        HostRecord me = hosts.get(self);
        long interval = HostStateTiming.poweronReadIntervalMs(timing);
        for (HostRecord rec : hosts.values()) {
            if (rec.id().equals(self) || now - rec.lastHeardMs < HostStateTiming.poweronWatchAfterMs(timing)
                    || !rec.evidence.poweronReadDue(now, interval)) {
                continue;
            }
            rec.evidence.poweronReadSent(now);
            for (String ds : rec.spec.datastores()) {
                if (me.accessibleDatastores.contains(ds)) {
                    out.add(new MasterAction.ReadPoweron(rec.id(), ds));
                }
            }
        }
        if (markerReads.due(now, interval, markersNeeded(now))) {
            markerReads.requested(me.accessibleDatastores, now);
            for (String ds : me.accessibleDatastores) {
                out.add(new MasterAction.ReadPoweredOffMarkers(ds));
            }
        }
    }

    /**
     * Whether the poweredoff markers are needed now (listed every poweron-read interval rather
     * than every {@link io.openfdm.master.markers.MarkerReadSchedule#IDLE_INTERVAL_MS}): markers
     * are known, or a host is silent, or a host came back and no listing has answered since, or a
     * protected VM was reported powered off and waits for a listing.
     */
    private boolean markersNeeded(long now) {
        if (!markers.isEmpty() || !reportedOffMs.isEmpty()) {
            return true;
        }
        for (HostRecord rec : hosts.values()) {
            if (rec.id().equals(self)) {
                continue;
            }
            if (now - rec.lastHeardMs >= HostStateTiming.poweronWatchAfterMs(timing)
                    || !markerReads.readSince(rec.evidence.reconnectedMs())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A complete read of one datastore's markers. A marker on it whose VM runs again (powered on,
     * as its live host reports, on a datastore this master owns; for a pending marker, on another
     * host than the one shutting it down) has done its job and is deleted,
     * once: markers on other datastores wait for their own read (a read of theirs already under
     * way would otherwise bring a deleted marker back and delete it twice).
     */
    private void markersRead(String ds, Optional<List<PoweredOffMarker>> read, long now) {
        markerReads.answered(ds);
        if (read.isEmpty()) {
            return;
        }
        markers.read(ds, read.get());
        for (PoweredOffMarkers.Located l : markers.all()) {
            if (!l.datastore().equals(ds)) {
                continue;
            }
            VmId vm = l.marker().vm();
            for (DatastoreBook book : books.values()) {
                ProtectedVm entry = book.ready(now) ? book.vms.get(vm) : null;
                HostRecord at = entry == null ? null : hosts.get(entry.host());
                boolean shuttingDown = l.marker().pending() && entry != null && entry.host().equals(l.marker().host());
                if (at != null && at.live() && at.reported && poweredOnAt(at, vm) && entry.restartTarget() == null
                        && !shuttingDown) {
                    markers.forget(l.datastore(), vm);
                    out.add(new MasterAction.DeletePoweredOffMarker(l.datastore(), vm));
                    out.add(new MasterAction.Journal(EventKind.PROTECTION_CHANGED, vm + " runs on " + entry.host()
                            + ": its poweredoff marker (written by " + l.marker().host() + ") deleted", vm.moid(), -1));
                    break;
                }
            }
        }
    }

    /**
     * Continues the attempt count a previous master (or this one) left in the protectedlist entry:
     * out of attempts means failed; a next-attempt time means waiting for it, the wall-clock gap
     * bounded by the schedule's longest wait (a wall-clock jump must not stall it).
     */
    private void resumeHistory(Restart r, ProtectedVm entry, long now) {
        if (entry.restartAttempts() <= 0) {
            return;
        }
        r.attempts = entry.restartAttempts();
        r.lastError = entry.lastRestartError();
        if (retries.exhausted(r.attempts)) {
            r.phase = Restart.Phase.FAILED;
            out.add(new MasterAction.Journal(EventKind.RESTART_FAILED, r.vm + " not restarted after " + r.attempts
                    + " attempts (counted before this master): " + r.lastError, r.vm.moid(), -1));
        } else if (entry.nextRestartAttemptWallMs() > 0) {
            long wait = Math.max(0, Math.min(retries.longestWaitMs(), entry.nextRestartAttemptWallMs() - wallMs(now)));
            r.phase = Restart.Phase.WAITING_RETRY;
            r.nextAttemptMs = now + wait;
            r.nextAttemptWallMs = wallMs(now) + wait;
            out.add(new MasterAction.Journal(EventKind.RESTART_FAILED, r.vm + " restart continues after " + r.attempts
                    + " failed attempts: attempt " + (r.attempts + 1) + " of " + retries.maxAttempts() + " in "
                    + seconds(wait) + " s", r.vm.moid(), -1));
        }
    }

    private long wallMs(long monotonicMs) {
        return monotonicMs + wallOffsetMs;
    }

    /**
     * The VM's host is live but has rebooted since it was seen running the VM, and the VM is not
     * running there now: it went down with the host (a restart faster than failure detection).
     */
    private boolean wentDownWithReboot(ProtectedVm entry) {
        HostRecord rec = hosts.get(entry.host());
        if (rec == null) {
            return false;
        }
        if (!rec.live()) {
            // cannot report now: its poweron file says (random tier seeds 16, 904, 908), or the last
            // report this master holds, from a later boot, came without the VM (seed 11219: the
            // host rebooted, reported, then its agent stopped)
            return IsolationRestartRule.goneWithReboot(entry.vm(), entry.hostBoot(), rec.state, rec.evidence.poweron())
                    || (rec.everHeard && entry.hostBoot() != 0 && rec.bootId != 0 && rec.bootId != entry.hostBoot()
                            && !poweredOnAt(rec, entry.vm()));
        }
        return rec.reported && entry.hostBoot() != 0 && rec.bootId != entry.hostBoot() && !poweredOnAt(rec, entry.vm());
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
        for (Restart r : List.copyOf(restarts.values())) { // a copy: withdrawn() removes
            DatastoreBook book = books.get(r.datastore);
            if (book == null || !book.ready(now)) {
                continue;
            }
            switch (r.phase) {
                case PENDING, WAITING_RETRY -> {
                    if (withdrawn(r, book)) {
                        continue;
                    }
                    if (r.phase == Restart.Phase.PENDING || now >= r.nextAttemptMs) {
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
                    } else if (now - r.sentMs >= timing.powerOnTimeoutMs() && requestLost(r)) {
                        ProtectedVm entry = book.vms.get(r.vm);
                        HostState ts = hosts.get(r.target).state;
                        attemptFailed(r, book, entry, r.target, "request lost: " + r.target + " is " + ts.vsphereName()
                                + (ts == HostState.FDM_UNREACHABLE ? " (its agent is gone)"
                                        : " and its poweron file, written since, does not list " + r.vm), now);
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
        RestartOrder.Round round = order.trivial() ? null : orderRound(now);
        Placement placement = new Placement(rooms(), timing.maxConcurrentPowerOnsPerHost(), placementRules, failoverHosts);
        for (Restart r : toPlace) {
            DatastoreBook book = books.get(r.datastore);
            ProtectedVm entry = book.vms.get(r.vm);
            if (entry == null) {
                restarts.remove(r.vm); // no longer protected
                continue;
            }
            if (round != null && held(r, round.verdict(r.vm, rankOf(entry), r.heldSinceMs), now)) {
                continue;
            }
            Optional<HostId> target = placement.place(entry, r.failedOn);
            if (target.isEmpty()) {
                r.phase = Restart.Phase.PENDING;
                r.pendingPlacement = true;
                if (!r.announcedUnplaceable) {
                    r.announcedUnplaceable = true;
                    out.add(new MasterAction.Journal(EventKind.RESTART_FAILED,
                            r.vm + " waits for placement: " + placement.refusal(entry), r.vm.moid(), -1));
                }
                continue;
            }
            if (r.pendingPlacement) {
                r.pendingPlacement = false;
                r.announcedUnplaceable = false;
            }
            r.target = target.get();
            r.phase = Restart.Phase.INTENT;
            r.attempts++;
            r.requestId = nextRequestId++;
            ProtectedVm intent = entry.withRestartTarget(r.target).withRestartHistory(r.attempts, r.lastError, 0);
            // Already on disk when the list names this target (a previous master's intent).
            r.intentVersion = intent.equals(entry) ? book.version : book.version + 1;
            book.put(intent);
        }
    }

    /**
     * The target of a sent request is out of reach (not connected, not dead) and either has written
     * a poweron file, since the request could have been carried out, that does not list the VM (the
     * request was lost and the VM does not run there), or its agent is gone ({@code fdmUnreachable}:
     * a new agent does not carry out an old request). The target gets no further request, so the
     * attempt counts as failed and the VM goes elsewhere (random tier seeds 242, 1452, 1483). Had
     * the dying agent powered the VM on after all, the VM's file lock refuses the second power-on.
     */
    private boolean requestLost(Restart r) {
        HostRecord t = hosts.get(r.target);
        if (t == null || t.live() || down(r.target)) {
            return false;
        }
        return t.state == HostState.FDM_UNREACHABLE
                || t.evidence.poweronWrittenAfter(r.sentMs + timing.powerOnTimeoutMs())
                        .filter(p -> !p.poweredOn().contains(r.vm)).isPresent();
    }

    /**
     * Withdraws a restart not yet sent whose failed host turned out to be alive: declared dead, it
     * is now seen heartbeating to a datastore (partitioned or isolated), answering pings, or
     * electing, and it may still run the VM. Restarting then would start a second copy (only the
     * datastore's file lock would stop it; random tier seed 2476). A host that powered the VM off
     * as its isolation response, that rebooted without it, or that reports without it keeps the
     * restart. The persisted attempt history is cleared; a later failure starts afresh.
     *
     * @return true when {@code r} was withdrawn (removed from the restarts)
     */
    private boolean withdrawn(Restart r, DatastoreBook book) {
        ProtectedVm entry = book.vms.get(r.vm);
        if (entry == null) {
            return false; // dropped as unprotected when placed
        }
        HostRecord rec = hosts.get(entry.host());
        if (rec == null || down(entry.host()) || poweredOffByHa(entry) || wentDownWithReboot(entry)
                || (rec.live() && rec.reported && !poweredOnAt(rec, entry.vm()))) {
            return false;
        }
        restarts.remove(r.vm);
        ProtectedVm cleared = entry.withRestartTarget(null).withoutRestartHistory();
        if (!cleared.equals(entry)) {
            book.put(cleared);
        }
        out.add(new MasterAction.Journal(EventKind.RESTART_SKIPPED, r.vm + " restart withdrawn after "
                + r.attempts + " attempt" + (r.attempts == 1 ? "" : "s") + ": " + entry.host() + " is "
                + rec.state.vsphereName() + ", not dead, and may still run it", r.vm.moid(), -1));
        return true;
    }

    /**
     * Applies an orchestration verdict: true when the VM must wait. Journals the first hold and a
     * start forced by the ready timeout.
     */
    private boolean held(Restart r, RestartOrder.Verdict verdict, long now) {
        if (verdict instanceof RestartOrder.Verdict.Hold hold) {
            if (r.heldSinceMs < 0) {
                r.heldSinceMs = now;
                out.add(new MasterAction.Journal(EventKind.RESTART_REQUESTED, r.vm + " waits for " + hold.reason(),
                        r.vm.moid(), -1));
            }
            return true;
        }
        if (verdict instanceof RestartOrder.Verdict.GoAfterTimeout t) {
            out.add(new MasterAction.Journal(EventKind.RESTART_REQUESTED, r.vm + " starts without waiting for "
                    + t.waitedFor() + ": held " + seconds(now - r.heldSinceMs) + " s, the ready timeout",
                    r.vm.moid(), -1));
        }
        r.heldSinceMs = -1;
        return false;
    }

    /** The orchestration view of this round: every restart, and the VMs this master started recently. */
    private RestartOrder.Round orderRound(long now) {
        for (var e : startedVms.entries().entrySet()) {
            if (e.getValue().readyMs() < 0 && readyOn(hosts.get(e.getValue().host()), e.getKey(), order.dependencyCondition())) {
                startedVms.ready(e.getKey(), now);
            }
        }
        Map<VmId, RestartOrder.Member> members = new HashMap<>();
        startedVms.entries().forEach((vm, e) -> members.put(vm, StartedVms.member(vm, e)));
        startedVms.prune(now, config.restartPolicy().postReadyDelayMs(), config.restartPolicy().readyTimeoutMs());
        for (Restart r : restarts.values()) {
            int rank = entryOf(r).map(this::rankOf).orElse(0);
            RestartOrder.Stage stage = switch (r.phase) {
                case PENDING -> RestartOrder.Stage.WAITING;
                case INTENT, REQUESTED -> RestartOrder.Stage.STARTING;
                case WAITING_RETRY -> RestartOrder.Stage.RETRYING;
                case FAILED -> RestartOrder.Stage.GAVE_UP;
            };
            members.put(r.vm, new RestartOrder.Member(r.vm, rank, stage, r.phase == Restart.Phase.REQUESTED ? r.sentMs : now));
        }
        return order.round(members.values(), vm -> Optional.ofNullable(members.get(vm)).or(() -> runningAndReady(vm)), now);
    }

    /** A VM no restart concerns, as a dependency target: READY when a live host runs it and it meets the condition. */
    private Optional<RestartOrder.Member> runningAndReady(VmId vm) {
        for (HostRecord rec : hosts.values()) {
            if (rec.live() && readyOn(rec, vm, order.dependencyCondition())) {
                return Optional.of(new RestartOrder.Member(vm, rankOf(vm, rec.vms.get(vm).priority()), RestartOrder.Stage.READY,
                        Long.MIN_VALUE));
            }
        }
        return Optional.empty();
    }

    private static boolean readyOn(HostRecord rec, VmId vm, io.openfdm.core.config.ReadyCondition condition) {
        if (rec == null || !rec.live()) {
            return false;
        }
        VmInfo info = rec.vms.get(vm);
        if (info == null || !info.poweredOn()) {
            return false;
        }
        return condition != io.openfdm.core.config.ReadyCondition.GUEST_HEARTBEAT
                || info.guestHeartbeat() == io.openfdm.core.model.GuestHeartbeat.GREEN;
    }

    /**
     * Highest {@link RestartRank} first (agent VMs, then FT secondaries, then the others; each by
     * restart priority), then the earliest failure, then the VM's MOID.
     */
    static final java.util.function.Function<MasterMachine, Comparator<Restart>> RESTART_ORDER_BY_PRIORITY =
            m -> Comparator.comparingInt((Restart r) -> -m.entryOf(r).map(m::rankOf).orElse(0))
                    .thenComparingLong(r -> r.failureMs)
                    .thenComparing(r -> r.vm);

    /** A protected VM's {@link RestartRank}: its restart class from the VM overrides, its priority. */
    int rankOf(ProtectedVm entry) {
        return rankOf(entry.vm(), entry.priority());
    }

    private int rankOf(VmId vm, io.openfdm.core.model.RestartPriority priority) {
        return RestartRank.of(restartClassOf(vm), priority);
    }

    /** A VM's restart class, from the VM overrides in force; ordinary when it has none. */
    io.openfdm.core.model.RestartClass restartClassOf(VmId vm) {
        VmOverride o = overrides.get(vm);
        return o == null ? io.openfdm.core.model.RestartClass.ORDINARY : o.restartClass();
    }

    /** The hosts placement tries first (the failoverHosts admission control policy), for {@link RestartPlanner}. */
    FailoverHostPreference failoverHosts() {
        return failoverHosts;
    }

    Optional<ProtectedVm> entryOf(Restart r) {
        DatastoreBook book = books.get(r.datastore);
        return book == null ? Optional.empty() : Optional.ofNullable(book.vms.get(r.vm));
    }

    List<Placement.Room> rooms() {
        Map<HostId, Integer> inFlight = new HashMap<>();
        Map<HostId, long[]> inFlightReservations = new HashMap<>();
        Map<HostId, java.util.Set<VmId>> residents = new HashMap<>();
        for (Restart r : restarts.values()) {
            if ((r.phase == Restart.Phase.INTENT || r.phase == Restart.Phase.REQUESTED) && r.target != null) {
                inFlight.merge(r.target, 1, Integer::sum);
                residents.computeIfAbsent(r.target, k -> new java.util.HashSet<>()).add(r.vm);
                entryOf(r).ifPresent(e -> {
                    long[] sum = inFlightReservations.computeIfAbsent(r.target, k -> new long[2]);
                    sum[0] += e.cpuMhz();
                    sum[1] += e.memoryMb();
                });
            }
        }
        List<Placement.Room> rooms = new ArrayList<>();
        for (HostRecord rec : hosts.values()) {
            if (!rec.live() || !rec.reported || !HostModeRules.restartTarget(rec)) {
                continue;
            }
            long[] pending = inFlightReservations.getOrDefault(rec.id(), new long[2]);
            java.util.Set<VmId> here = residents.computeIfAbsent(rec.id(), k -> new java.util.HashSet<>());
            if (placementRules.hasVmVmRules()) { // residents matter only to VM-VM rules
                rec.vms.values().stream().filter(VmInfo::poweredOn).forEach(v -> here.add(v.id()));
            }
            rooms.add(new Placement.Room(rec.id(), rec.accessibleDatastores,
                    rec.spec.cpuMhz() - rec.reservedCpuMhz() - pending[0],
                    rec.spec.memoryMb() - rec.reservedMemoryMb() - pending[1],
                    rec.poweredOnCount(), inFlight.getOrDefault(rec.id(), 0), here));
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

    ClusterConfig config() {
        return config;
    }

    HostId self() {
        return self;
    }

    Map<HostId, HostRecord> hosts() {
        return hosts;
    }

    /** The VM-host and VM-VM rules this master's placement rounds apply (for {@link RestartPlanner}). */
    PlacementRules placementRules() {
        return placementRules;
    }

    Map<String, DatastoreBook> books() {
        return books;
    }

    Map<VmId, Restart> restarts() {
        return restarts;
    }

    /** The wall-clock ms matching a monotonic time of this master (for status). */
    long wallOf(long monotonicMs) {
        return wallMs(monotonicMs);
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
