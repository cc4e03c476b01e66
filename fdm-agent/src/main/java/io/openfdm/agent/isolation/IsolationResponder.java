package io.openfdm.agent.isolation;

import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Applies the isolation response VM by VM, once the isolation policy delay has passed. Deterministic,
 * no I/O: {@link #step} returns actions; mutable like the slave machine.
 *
 * <p>Per powered-on VM, with its response (the VM's override, else the cluster's):
 * <ul>
 *   <li><b>none</b> (leave powered on, VMware's default): nothing; reported once.</li>
 *   <li>Otherwise, if the {@link ResponseGate} refuses (no other master owns the VM's home
 *       datastore and this host still reaches it), nothing; reported once per reason, and asked
 *       again every step, so the response follows as soon as another master takes the lease.</li>
 *   <li><b>powerOff</b>: power the VM off.</li>
 *   <li><b>shutdown</b>: ask the guest to shut down; if the VM still runs {@code shutdownTimeoutMs}
 *       later, power it off (VMware's {@code das.isolationShutdownTimeout}, default 300 s).</li>
 * </ul>
 * A VM whose power-off or shutdown HA started and that the inventory then shows powered off gives
 * {@link ResponseAction.PoweredOff}: the caller rewrites the poweron file and writes the VM's
 * poweredoff marker. A failed hypervisor call ({@link #failed}) is tried again after
 * {@link #RETRY_INTERVAL_MS}. Each VM is handled once per isolation: a VM powered on again by hand
 * while the host is still isolated is left alone.
 *
 * <p>When the isolation ends, nothing new is started; a guest shutdown already asked for is still
 * watched, and gives its marker if the guest does go down (HA did shut it down), but it is never
 * forced off. Past the shutdown timeout it is reported once ({@link ResponseAction.GaveUp}) and
 * still watched until the guest goes down (or the VM leaves this host).
 */
public final class IsolationResponder {
    /** Pause before a failed shutdown or power-off call is made again, milliseconds. */
    public static final long RETRY_INTERVAL_MS = 5000;

    private enum Stage { LEFT_ON, HELD_BACK, SHUTTING_DOWN, SHUTDOWN_UNFORCED, POWERING_OFF, FAILED, DONE }

    private record Handling(Stage stage, IsolationResponse response, long sinceMs, String reason) {
    }

    private final long shutdownTimeoutMs;
    private final Map<VmId, Handling> handled = new TreeMap<>();

    /** @param shutdownTimeoutMs how long a guest shutdown may take before the VM is powered off */
    public IsolationResponder(long shutdownTimeoutMs) {
        this.shutdownTimeoutMs = shutdownTimeoutMs;
    }

    /**
     * @param inventory  this host's VMs as last read
     * @param isolated   the host is isolated and the policy delay has passed (respond); false only
     *                   finishes what was started
     * @param responseOf each VM's isolation response
     * @param gate       may the response be applied to this VM now
     * @param nowMs      monotonic clock, milliseconds
     */
    public List<ResponseAction> step(List<VmInfo> inventory, boolean isolated, Function<VmId, IsolationResponse> responseOf,
                                     Function<VmInfo, ResponseGate.Verdict> gate, long nowMs) {
        List<ResponseAction> out = new ArrayList<>();
        Set<VmId> running = new TreeSet<>();
        for (VmInfo vm : inventory) {
            if (vm.poweredOn()) {
                running.add(vm.id());
            }
        }
        // HA's own power-offs that have completed.
        for (Map.Entry<VmId, Handling> e : List.copyOf(handled.entrySet())) {
            Stage stage = e.getValue().stage();
            if ((stage == Stage.SHUTTING_DOWN || stage == Stage.SHUTDOWN_UNFORCED || stage == Stage.POWERING_OFF)
                    && !running.contains(e.getKey())) {
                out.add(new ResponseAction.PoweredOff(e.getKey(), e.getValue().response()));
                handled.put(e.getKey(), new Handling(Stage.DONE, e.getValue().response(), nowMs, ""));
            }
        }
        if (!isolated) {
            for (Map.Entry<VmId, Handling> e : List.copyOf(handled.entrySet())) {
                Handling h = e.getValue();
                if (h.stage() == Stage.SHUTTING_DOWN && nowMs - h.sinceMs() >= shutdownTimeoutMs) {
                    // not forced off any more, but still HA's shutdown: its marker follows if the guest goes down
                    out.add(new ResponseAction.GaveUp(e.getKey(), "guest shutdown did not finish within "
                            + shutdownTimeoutMs + " ms and the isolation has ended; not forced off, still watched"));
                    handled.put(e.getKey(), new Handling(Stage.SHUTDOWN_UNFORCED, h.response(), nowMs, ""));
                }
            }
            return out;
        }
        for (VmInfo vm : inventory) {
            if (vm.poweredOn()) {
                respond(vm, responseOf.apply(vm.id()), gate, nowMs, out);
            }
        }
        return out;
    }

    private void respond(VmInfo vm, IsolationResponse response, Function<VmInfo, ResponseGate.Verdict> gate, long now,
                         List<ResponseAction> out) {
        VmId id = vm.id();
        Handling h = handled.get(id);
        if (h != null) {
            switch (h.stage()) {
                case SHUTTING_DOWN -> {
                    if (now - h.sinceMs() >= shutdownTimeoutMs) {
                        out.add(new ResponseAction.PowerOff(id, h.response(), "guest did not shut down within "
                                + shutdownTimeoutMs + " ms"));
                        handled.put(id, new Handling(Stage.POWERING_OFF, h.response(), now, ""));
                    }
                    return;
                }
                case POWERING_OFF, DONE, LEFT_ON -> {
                    return;
                }
                case FAILED -> {
                    if (now - h.sinceMs() < RETRY_INTERVAL_MS) {
                        return;
                    }
                }
                default -> {
                }
            }
        }
        if (response == IsolationResponse.NONE) {
            out.add(new ResponseAction.LeftPoweredOn(id));
            handled.put(id, new Handling(Stage.LEFT_ON, response, now, ""));
            return;
        }
        ResponseGate.Verdict verdict = gate.apply(vm);
        if (!verdict.apply()) {
            if (h == null || h.stage() != Stage.HELD_BACK || !h.reason().equals(verdict.reason())) {
                out.add(new ResponseAction.HeldBack(id, response, verdict.reason()));
            }
            handled.put(id, new Handling(Stage.HELD_BACK, response, now, verdict.reason()));
            return;
        }
        if (response == IsolationResponse.POWER_OFF) {
            out.add(new ResponseAction.PowerOff(id, response, verdict.reason()));
            handled.put(id, new Handling(Stage.POWERING_OFF, response, now, ""));
        } else {
            out.add(new ResponseAction.ShutdownGuest(id, verdict.reason()));
            handled.put(id, new Handling(Stage.SHUTTING_DOWN, response, now, ""));
        }
    }

    /**
     * The shutdown or power-off call for {@code vm} failed: it is made again after
     * {@link #RETRY_INTERVAL_MS}, if the host is still isolated.
     */
    public void failed(VmId vm, long nowMs) {
        Handling h = handled.get(vm);
        if (h != null) {
            handled.put(vm, new Handling(Stage.FAILED, h.response(), nowMs, ""));
        }
    }

    /** The isolation ended: forget every decision but the shutdowns and power-offs under way. */
    public void isolationEnded() {
        handled.values().removeIf(h -> h.stage() != Stage.SHUTTING_DOWN && h.stage() != Stage.SHUTDOWN_UNFORCED
                && h.stage() != Stage.POWERING_OFF);
    }

    /** True while a guest shutdown or power-off started by HA has not been seen to complete. */
    public boolean busy() {
        return handled.values().stream().anyMatch(h -> h.stage() == Stage.SHUTTING_DOWN
                || h.stage() == Stage.SHUTDOWN_UNFORCED || h.stage() == Stage.POWERING_OFF);
    }
}
