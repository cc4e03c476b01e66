package io.openfdm.agent.node;

import io.openfdm.agent.isolation.IsolationMachine;
import io.openfdm.agent.isolation.IsolationProbe;
import io.openfdm.agent.isolation.IsolationResponder;
import io.openfdm.agent.isolation.PoweronWriter;
import io.openfdm.agent.isolation.ProbeOutcome;
import io.openfdm.agent.isolation.ResponseAction;
import io.openfdm.agent.isolation.ResponseGate;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.datastore.lease.LeaseState;
import io.openfdm.datastore.poweron.PoweredOffMarker;
import io.openfdm.datastore.poweron.PoweronRecord;
import io.openfdm.hostd.HypervisorException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The host side of isolation, for {@link AgentNode}: runs the {@link IsolationMachine}, performs
 * its pings through {@code hypervisorCalls}, applies the isolation response with the
 * {@link IsolationResponder} and the {@link ResponseGate}, and keeps this host's poweron file
 * ({@link PoweronWriter}) and poweredoff markers on its datastores.
 *
 * <p>Single-threaded like the node; completions of pings and power calls come back on the node's
 * thread.
 */
final class IsolationDuty {

    /** What the duty needs from the node. */
    interface Node {
        Set<String> accessible();

        /** This host's view of the datastore's lease, or null if it is not one of its datastores. */
        LeaseState lease(String datastore);

        List<String> heartbeatDatastores();

        List<VmInfo> inventory();

        boolean stopped();

        void journal(EventKind kind, String message, String subject);

        /** This host has just declared itself isolated. */
        void isolationDeclared(long nowMs);

        /** This host's isolation has just ended. */
        void isolationEnded(long nowMs);

        /** A power call changed the inventory: read it again; drain local messages if {@code deferred}. */
        void inventoryChanged(long nowMs, boolean deferred);
    }

    private final HostId self;
    private final Supplier<ClusterConfig> config;
    private final AgentEnvironment env;
    private final DatastoreIo io;
    private final DatastoreCallQueue calls;
    private final long bootId;
    private final Node node;
    private final IsolationMachine.Timers timers;
    private final IsolationProbe probe;
    private final IsolationResponder responder;
    private final PoweronWriter poweron;
    private IsolationMachine.State state;
    private boolean forcePoweronWrite;
    /** Per datastore: the newest poweron record, waiting for the outstanding write there. */
    private final java.util.Map<String, PoweronRecord> poweronWaiting = new java.util.HashMap<>();

    IsolationDuty(HostId self, Supplier<ClusterConfig> config, AgentEnvironment env, DatastoreIo io,
                  DatastoreCallQueue calls, long bootId, Node node) {
        this.self = self;
        this.config = config;
        this.env = env;
        this.io = io;
        this.calls = calls;
        this.bootId = bootId;
        this.node = node;
        IsolationPolicy policy = config.get().haPolicy().isolation();
        this.timers = IsolationMachine.Timers.of(config.get().timing(), policy);
        this.probe = new IsolationProbe(policy, env.defaultGateway(), env.addressProbe());
        this.responder = new IsolationResponder(policy.shutdownTimeoutMs());
        this.poweron = new PoweronWriter(self, bootId);
    }

    void start(long nowMs) {
        state = IsolationMachine.initial(nowMs);
    }

    boolean isolated() {
        return state != null && state.isolated();
    }

    /** Any message from another member arrived. */
    void heard(HostId from, long nowMs) {
        step(new IsolationMachine.MemberHeard(from), nowMs);
    }

    /** Called on every node tick, after the election has been ticked. */
    void tick(long nowMs, boolean master) {
        boolean respond = step(new IsolationMachine.Tick(master), nowMs);
        if (respond || responder.busy()) {
            respond(respond && isolated(), nowMs);
        }
        writePoweron(nowMs);
    }

    /** Steps the machine and performs its actions; true if the isolation response is due. */
    private boolean step(IsolationMachine.Event event, long now) {
        IsolationMachine.Result result = IsolationMachine.step(state, event, now, timers);
        state = result.state();
        boolean respond = false;
        for (IsolationMachine.Action action : result.actions()) {
            if (action instanceof IsolationMachine.Probe) {
                env.hypervisorCalls().run(now, probe::run, this::probeDone);
            } else if (action instanceof IsolationMachine.Declared d) {
                node.journal(EventKind.HOST_ISOLATED, "isolated: " + d.reason() + "; isolation response in "
                        + timers.policyDelayMs() + " ms", self.moid());
                node.isolationDeclared(now);
                writePoweron(now);
            } else if (action instanceof IsolationMachine.Ended e) {
                responder.isolationEnded();
                node.journal(EventKind.HOST_ISOLATION_ENDED, "isolation ended: " + e.reason(), self.moid());
                node.isolationEnded(now);
                writePoweron(now);
            } else if (action instanceof IsolationMachine.NoAddress) {
                node.journal(EventKind.CONFIG_CHANGED, "cannot detect isolation: no isolation address (no default gateway"
                        + " or its use turned off, and none configured)", self.moid());
            } else if (action instanceof IsolationMachine.Respond) {
                respond = true;
            }
        }
        return respond;
    }

    private void probeDone(ProbeOutcome outcome, long now, boolean deferred) {
        if (node.stopped()) {
            return;
        }
        step(new IsolationMachine.ProbeDone(outcome), now);
        if (deferred) {
            node.inventoryChanged(now, true);
        }
    }

    // ------------------------------------------------------------------ response

    private void respond(boolean isolatedNow, long now) {
        ClusterConfig c = config.get();
        Set<String> accessible = node.accessible();
        List<VmInfo> inventory = node.inventory();
        List<ResponseAction> actions = responder.step(inventory, isolatedNow, vm -> responseOf(c, vm),
                vm -> ResponseGate.judge(vm.homeDatastore(), accessible, node.lease(vm.homeDatastore()), now, c.timing()), now);
        for (ResponseAction action : actions) {
            VmId vm = action.vm();
            if (action instanceof ResponseAction.LeftPoweredOn) {
                node.journal(EventKind.ISOLATION_RESPONSE, "isolation response none: " + vm + " left powered on", vm.moid());
            } else if (action instanceof ResponseAction.HeldBack h) {
                node.journal(EventKind.ISOLATION_RESPONSE, "isolation response " + h.response().wireName() + " held back for "
                        + vm + ": " + h.reason(), vm.moid());
            } else if (action instanceof ResponseAction.ShutdownGuest s) {
                pendingMarker(vm, IsolationResponse.SHUTDOWN, inventory, now);
                call(now, vm, () -> env.hypervisor().shutdownGuest(vm), "isolation response shutdown: guest shutdown of "
                        + vm + " (" + s.reason() + ")");
            } else if (action instanceof ResponseAction.PowerOff p) {
                pendingMarker(vm, p.response(), inventory, now);
                call(now, vm, () -> env.hypervisor().powerOff(vm), "isolation response " + p.response().wireName()
                        + ": powered off " + vm + " (" + p.reason() + ")");
            } else if (action instanceof ResponseAction.PoweredOff p) {
                poweredOff(vm, p.response(), inventory, now);
            } else if (action instanceof ResponseAction.GaveUp g) {
                node.journal(EventKind.ISOLATION_RESPONSE, vm + " left as it is: " + g.reason(), vm.moid());
            }
        }
    }

    /** The VM's isolation response: its override, else the cluster's; an unprotected VM is left on. */
    private static IsolationResponse responseOf(ClusterConfig c, VmId vm) {
        Optional<VmOverride> o = c.override(vm);
        if (o.isPresent() && !o.get().protect()) {
            return IsolationResponse.NONE; // nobody would restart it
        }
        return o.map(VmOverride::isolationResponse).orElse(c.haPolicy().isolationResponse());
    }

    /** Runs a hypervisor power call off the node's thread; journals it when it is done. */
    private void call(long now, VmId vm, Runnable work, String done) {
        env.hypervisorCalls().run(now, () -> {
            try {
                work.run();
                return "";
            } catch (HypervisorException e) {
                return e.getMessage();
            }
        }, (error, doneMs, deferred) -> {
            if (node.stopped()) {
                return;
            }
            if (error.isEmpty()) {
                node.journal(EventKind.ISOLATION_RESPONSE, done, vm.moid());
            } else {
                node.journal(EventKind.ISOLATION_RESPONSE, "isolation response for " + vm + " failed, retried in "
                        + IsolationResponder.RETRY_INTERVAL_MS + " ms: " + error, vm.moid());
                responder.failed(vm, doneMs);
            }
            node.inventoryChanged(doneMs, deferred);
        });
    }

    /**
     * HA powered {@code vm} off: the poweron file no longer lists it (rewritten now, first), then
     * its poweredoff marker goes on its home datastore, or, when that cannot be written, on every
     * reachable heartbeat datastore. The writes run through the datastore calls; the journal line
     * follows once they have all answered.
     */
    private void poweredOff(VmId vm, IsolationResponse response, List<VmInfo> inventory, long now) {
        forcePoweronWrite = true;
        writePoweron(now);
        PoweredOffMarker marker = new PoweredOffMarker(vm, self, bootId, response.wireName(), env.clock().wallMs());
        String home = inventory.stream().filter(v -> v.id().equals(vm)).map(VmInfo::homeDatastore).findFirst().orElse("");
        if (!home.isEmpty() && node.accessible().contains(home)) {
            writeMarkers(vm, response, marker, List.of(home), now, written -> {
                if (written.isEmpty()) {
                    writeMarkers(vm, response, marker, node.heartbeatDatastores(), now, this::journalMarkers);
                } else {
                    journalMarkers(written);
                }
            });
        } else {
            writeMarkers(vm, response, marker, node.heartbeatDatastores(), now, this::journalMarkers);
        }
    }

    /**
     * HA is about to power {@code vm} off or shut its guest down: a pending poweredoff marker goes
     * where the final one will, so the intent outlives this agent (a restart mid-shutdown) and the
     * master takes the VM, once it is off, for HA's and not a user's. Not journaled; the final
     * marker is.
     */
    private void pendingMarker(VmId vm, IsolationResponse response, List<VmInfo> inventory, long now) {
        PoweredOffMarker marker = new PoweredOffMarker(vm, self, bootId, response.wireName(), env.clock().wallMs(), true);
        String home = inventory.stream().filter(v -> v.id().equals(vm)).map(VmInfo::homeDatastore).findFirst().orElse("");
        List<String> targets = !home.isEmpty() && node.accessible().contains(home) ? List.of(home) : node.heartbeatDatastores();
        writeMarkers(vm, response, marker, targets, now, written -> { });
    }

    /** Writes {@code marker} on each of {@code datastores}; {@code then} gets those written, in order. */
    private void writeMarkers(VmId vm, IsolationResponse response, PoweredOffMarker marker, List<String> datastores,
                              long now, java.util.function.Consumer<MarkerOutcome> then) {
        MarkerOutcome outcome = new MarkerOutcome(vm, response, datastores);
        if (datastores.isEmpty()) {
            then.accept(outcome);
            return;
        }
        for (String ds : datastores) {
            boolean submitted = calls.submit(ds, "marker-write", vm.moid(), now, () -> io.writePoweredOffMarker(ds, marker),
                    Boolean.FALSE, (ok, doneMs, deferred) -> {
                        if (outcome.answered(ds, ok)) {
                            then.accept(outcome);
                        }
                    });
            if (!submitted && outcome.answered(ds, false)) {
                then.accept(outcome);
            }
        }
    }

    private void journalMarkers(MarkerOutcome o) {
        if (node.stopped()) {
            return;
        }
        List<String> written = o.written();
        node.journal(EventKind.ISOLATION_RESPONSE, o.vm + " powered off by HA (" + o.response.wireName()
                + "): not in the poweron file, " + (written.isEmpty() ? "NO poweredoff marker could be written"
                : "poweredoff marker on " + String.join(",", written)), o.vm.moid());
    }

    /** The answers of one round of marker writes. */
    private static final class MarkerOutcome {
        final VmId vm;
        final IsolationResponse response;
        private final List<String> datastores;
        private final java.util.Map<String, Boolean> answers = new java.util.HashMap<>();

        MarkerOutcome(VmId vm, IsolationResponse response, List<String> datastores) {
            this.vm = vm;
            this.response = response;
            this.datastores = List.copyOf(datastores);
        }

        /** Records one answer; true when it was the last one. */
        boolean answered(String ds, boolean ok) {
            answers.put(ds, ok);
            return answers.size() == datastores.size();
        }

        boolean isEmpty() {
            return written().isEmpty();
        }

        /** The datastores whose write succeeded, in the order they were tried. */
        List<String> written() {
            return datastores.stream().filter(ds -> answers.getOrDefault(ds, false)).toList();
        }
    }

    // ------------------------------------------------------------------ poweron file

    private void writePoweron(long now) {
        List<VmId> on = node.inventory().stream().filter(VmInfo::poweredOn).map(VmInfo::id).toList();
        List<String> datastores = node.heartbeatDatastores();
        Optional<PoweronRecord> record = poweron.next(isolated(), on, datastores, now, env.clock().wallMs(), forcePoweronWrite);
        forcePoweronWrite = false;
        record.ifPresent(r -> datastores.forEach(ds -> writePoweron(ds, r, now)));
    }

    /**
     * Writes the poweron file on {@code ds}; while the previous write there is outstanding, the
     * newest record waits and is written when it answers (the file must end up current).
     */
    private void writePoweron(String ds, PoweronRecord record, long now) {
        if (calls.outstanding(ds, "poweron-write", "")) {
            poweronWaiting.put(ds, record);
            return;
        }
        calls.submit(ds, "poweron-write", "", now, () -> io.writePoweron(ds, record), Boolean.FALSE,
                (ok, doneMs, deferred) -> {
                    PoweronRecord next = poweronWaiting.remove(ds);
                    if (next != null && !node.stopped()) {
                        writePoweron(ds, next, doneMs);
                    }
                });
    }
}
