package io.openfdm.agent.isolation;

import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;

import java.util.ArrayList;
import java.util.List;

/**
 * Isolation detection for one host as a pure state machine: {@code (state, event, now) -> (state,
 * actions)}, no I/O, no clock.
 *
 * <p>Algorithm (after VMware FDM, vSphere HA Deepdive; {@code vmware-ha-facts.md} §1 "Isolation
 * detection"):
 * <ol>
 *   <li>A host that hears no master runs an election (the {@code Election} machine does that). An
 *       election in which no other agent answers ends with the host as master of itself. So the
 *       host pings its isolation addresses only while it is <b>master</b> (of a partition of any
 *       size) and has heard <b>no agent at all</b> (no claim, heartbeat or report from any member)
 *       for {@code silenceMs}. An isolated slave thus pings right after its lonely election, an
 *       isolated master as soon as its slaves have been silent that long.</li>
 *   <li>The pings ({@link IsolationProbe}) run outside; their {@link ProbeOutcome} comes back as
 *       {@link ProbeDone}. While the host stays silent it pings again every
 *       {@code probeIntervalMs}.</li>
 *   <li>No address answered and the host is still silent: it is <b>isolated</b>
 *       ({@link Declared}). From {@code policyDelayMs} after that, every tick says the isolation
 *       response is due ({@link Respond}); the caller applies it VM by VM.</li>
 *   <li>Isolation ends ({@link Ended}) as soon as an address answers or any member is heard
 *       (VMware: "a successful ping, or seeing election traffic, cancels the isolation").</li>
 *   <li>With no address to ping at all the host cannot tell isolation from being alone; it is
 *       never declared isolated, and {@link NoAddress} is reported once.</li>
 * </ol>
 */
public final class IsolationMachine {
    /** How often a silent host pings its isolation addresses, milliseconds (our choice). */
    public static final long PROBE_INTERVAL_MS = 1000;

    private IsolationMachine() {
    }

    /** Whether this host considers itself isolated. */
    public enum Phase {
        /** Not isolated: it hears other agents, or an isolation address answered. */
        CONNECTED,
        /** Isolated: no agent heard and no isolation address answered. */
        ISOLATED
    }

    /**
     * @param phase             connected or isolated
     * @param lastHeardMs       when a member was last heard (or the agent started), monotonic ms
     * @param probing           a round of pings is running
     * @param lastProbeMs       when the last round started, or {@link Long#MIN_VALUE}
     * @param declaredMs        when the current isolation was declared (meaningful when ISOLATED)
     * @param noAddressReported {@link NoAddress} has been reported
     */
    public record State(Phase phase, long lastHeardMs, boolean probing, long lastProbeMs, long declaredMs,
                        boolean noAddressReported) {
        public boolean isolated() {
            return phase == Phase.ISOLATED;
        }
    }

    /**
     * @param silenceMs       how long the host must have heard no agent before it pings
     *                        ({@code Timing.hostFailureTimeoutMs}: the time after which a master
     *                        suspects a silent slave)
     * @param probeIntervalMs pause between two rounds of pings
     * @param policyDelayMs   from declaring isolation to applying the response (>= 30000)
     */
    public record Timers(long silenceMs, long probeIntervalMs, long policyDelayMs) {
        public static Timers of(Timing timing, IsolationPolicy policy) {
            return new Timers(timing.hostFailureTimeoutMs(), PROBE_INTERVAL_MS, policy.policyDelayMs());
        }
    }

    /** Something that happened. */
    public sealed interface Event {
    }

    /** Time passed. {@code master}: this host is master now (of itself at least). */
    public record Tick(boolean master) implements Event {
    }

    /** Any message from another member arrived. */
    public record MemberHeard(HostId from) implements Event {
    }

    /** A round of pings finished. */
    public record ProbeDone(ProbeOutcome outcome) implements Event {
    }

    /** Something the caller must do. */
    public sealed interface Action {
    }

    /** Run a round of pings ({@link IsolationProbe}) and report it with {@link ProbeDone}. */
    public record Probe() implements Action {
    }

    /** The host is isolated from now on. */
    public record Declared(String reason) implements Action {
    }

    /** The isolation is over. */
    public record Ended(String reason) implements Action {
    }

    /** The isolation policy delay has passed: apply the isolation response now. */
    public record Respond() implements Action {
    }

    /** There is no isolation address to ping (reported once). */
    public record NoAddress() implements Action {
    }

    /** The new state and what to do. */
    public record Result(State state, List<Action> actions) {
    }

    /** A host whose agent starts now: nothing heard yet, which counts from now. */
    public static State initial(long nowMs) {
        return new State(Phase.CONNECTED, nowMs, false, Long.MIN_VALUE, 0, false);
    }

    public static Result step(State s, Event event, long nowMs, Timers t) {
        List<Action> out = new ArrayList<>();
        State next;
        if (event instanceof Tick tick) {
            next = tick(s, tick.master(), nowMs, t, out);
        } else if (event instanceof MemberHeard heard) {
            next = new State(Phase.CONNECTED, nowMs, s.probing(), s.lastProbeMs(), s.declaredMs(), s.noAddressReported());
            if (s.isolated()) {
                out.add(new Ended("heard " + heard.from()));
            }
        } else {
            next = probeDone(s, ((ProbeDone) event).outcome(), nowMs, t, out);
        }
        return new Result(next, List.copyOf(out));
    }

    private static State tick(State s, boolean master, long now, Timers t, List<Action> out) {
        boolean silent = now - s.lastHeardMs() >= t.silenceMs();
        boolean probeDue = !s.probing() && (s.lastProbeMs() == Long.MIN_VALUE || now - s.lastProbeMs() >= t.probeIntervalMs());
        State next = s;
        if (probeDue && (s.isolated() || (master && silent))) {
            out.add(new Probe());
            next = new State(s.phase(), s.lastHeardMs(), true, now, s.declaredMs(), s.noAddressReported());
        }
        if (next.isolated() && now - next.declaredMs() >= t.policyDelayMs()) {
            out.add(new Respond());
        }
        return next;
    }

    private static State probeDone(State s, ProbeOutcome outcome, long now, Timers t, List<Action> out) {
        if (outcome instanceof ProbeOutcome.Answered a) {
            if (s.isolated()) {
                out.add(new Ended("isolation address " + a.address() + " answered"));
            }
            return new State(Phase.CONNECTED, s.lastHeardMs(), false, s.lastProbeMs(), s.declaredMs(), s.noAddressReported());
        }
        if (outcome instanceof ProbeOutcome.NoneAnswered none) {
            boolean silentMs = now - s.lastHeardMs() >= t.silenceMs();
            if (!s.isolated() && silentMs) {
                out.add(new Declared("no agent heard for " + (now - s.lastHeardMs()) + " ms and no isolation address answered "
                        + none.tried()));
                return new State(Phase.ISOLATED, s.lastHeardMs(), false, s.lastProbeMs(), now, s.noAddressReported());
            }
            return new State(s.phase(), s.lastHeardMs(), false, s.lastProbeMs(), s.declaredMs(), s.noAddressReported());
        }
        if (!s.noAddressReported()) {
            out.add(new NoAddress());
        }
        return new State(s.phase(), s.lastHeardMs(), false, s.lastProbeMs(), s.declaredMs(), true);
    }
}
