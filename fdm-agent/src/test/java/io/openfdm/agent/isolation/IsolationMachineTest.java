package io.openfdm.agent.isolation;

import io.openfdm.agent.isolation.IsolationMachine.Action;
import io.openfdm.agent.isolation.IsolationMachine.Declared;
import io.openfdm.agent.isolation.IsolationMachine.Ended;
import io.openfdm.agent.isolation.IsolationMachine.Event;
import io.openfdm.agent.isolation.IsolationMachine.MemberHeard;
import io.openfdm.agent.isolation.IsolationMachine.NoAddress;
import io.openfdm.agent.isolation.IsolationMachine.Phase;
import io.openfdm.agent.isolation.IsolationMachine.Probe;
import io.openfdm.agent.isolation.IsolationMachine.ProbeDone;
import io.openfdm.agent.isolation.IsolationMachine.Respond;
import io.openfdm.agent.isolation.IsolationMachine.State;
import io.openfdm.agent.isolation.IsolationMachine.Tick;
import io.openfdm.agent.isolation.IsolationMachine.Timers;
import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The isolation detector, one transition per row, then whole timelines. */
class IsolationMachineTest {
    /** silence 2 s, ping every 1 s, respond 30 s after declaring. */
    static final Timers T = new Timers(2000, 1000, 30_000);
    static final HostId H2 = HostId.of("host-2");
    static final List<String> GW = List.of("10.0.0.1");

    static State connected(long lastHeardMs, boolean probing, long lastProbeMs) {
        return new State(Phase.CONNECTED, lastHeardMs, probing, lastProbeMs, 0, false);
    }

    static State isolated(long lastHeardMs, boolean probing, long lastProbeMs, long declaredMs) {
        return new State(Phase.ISOLATED, lastHeardMs, probing, lastProbeMs, declaredMs, false);
    }

    static Stream<Arguments> rows() {
        long none = Long.MIN_VALUE;
        return Stream.of(
                // name, state, event, now, expected phase, expected action kinds
                Arguments.of("slave (not master) silent: never pings", connected(0, false, none), new Tick(false), 10_000,
                        Phase.CONNECTED, List.of()),
                Arguments.of("master, heard 1.9 s ago: not silent yet", connected(0, false, none), new Tick(true), 1_999,
                        Phase.CONNECTED, List.of()),
                Arguments.of("master, silent 2 s: pings", connected(0, false, none), new Tick(true), 2_000,
                        Phase.CONNECTED, List.of(Probe.class)),
                Arguments.of("ping under way: no second one", connected(0, true, 2_000), new Tick(true), 5_000,
                        Phase.CONNECTED, List.of()),
                Arguments.of("last ping 0.5 s ago: waits for the interval", connected(0, false, 2_000), new Tick(true), 2_500,
                        Phase.CONNECTED, List.of()),
                Arguments.of("last ping 1 s ago, still silent: pings again", connected(0, false, 2_000), new Tick(true), 3_000,
                        Phase.CONNECTED, List.of(Probe.class)),
                Arguments.of("no address answered, silent: isolated", connected(0, true, 2_000),
                        new ProbeDone(new ProbeOutcome.NoneAnswered(GW)), 2_100, Phase.ISOLATED, List.of(Declared.class)),
                Arguments.of("no address answered but a member was heard meanwhile: not isolated", connected(2_050, true, 2_000),
                        new ProbeDone(new ProbeOutcome.NoneAnswered(GW)), 2_100, Phase.CONNECTED, List.of()),
                Arguments.of("gateway answered: alone, not isolated", connected(0, true, 2_000),
                        new ProbeDone(new ProbeOutcome.Answered("10.0.0.1")), 2_100, Phase.CONNECTED, List.of()),
                Arguments.of("nothing to ping: reported, never isolated", connected(0, true, 2_000),
                        new ProbeDone(new ProbeOutcome.NoAddress()), 2_100, Phase.CONNECTED, List.of(NoAddress.class)),
                Arguments.of("isolated, policy delay not over: keeps pinging, no response", isolated(0, false, 2_000, 2_100),
                        new Tick(true), 31_000, Phase.ISOLATED, List.of(Probe.class)),
                Arguments.of("isolated 30 s: response due", isolated(0, true, 32_000, 2_100), new Tick(true), 32_100,
                        Phase.ISOLATED, List.of(Respond.class)),
                Arguments.of("isolated, still no answer: stays isolated, no second declaration", isolated(0, true, 3_000, 2_100),
                        new ProbeDone(new ProbeOutcome.NoneAnswered(GW)), 3_100, Phase.ISOLATED, List.of()),
                Arguments.of("isolated, gateway answers: ended", isolated(0, true, 40_000, 2_100),
                        new ProbeDone(new ProbeOutcome.Answered("10.0.0.1")), 40_100, Phase.CONNECTED, List.of(Ended.class)),
                Arguments.of("isolated, a member is heard: ended", isolated(0, false, 40_000, 2_100), new MemberHeard(H2),
                        40_100, Phase.CONNECTED, List.of(Ended.class)),
                Arguments.of("connected, a member is heard: nothing to say", connected(0, false, none), new MemberHeard(H2),
                        500, Phase.CONNECTED, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void transition(String name, State state, Event event, long nowMs, Phase phase, List<Class<? extends Action>> kinds) {
        IsolationMachine.Result r = IsolationMachine.step(state, event, nowMs, T);
        assertThat(r.state().phase()).isEqualTo(phase);
        assertThat(r.actions()).map(Object::getClass).containsExactlyElementsOf(kinds);
    }

    @Test
    void memberHeardRestartsTheSilenceClock() {
        State s = IsolationMachine.step(connected(0, false, Long.MIN_VALUE), new MemberHeard(H2), 5_000, T).state();
        assertThat(s.lastHeardMs()).isEqualTo(5_000);
        assertThat(IsolationMachine.step(s, new Tick(true), 6_999, T).actions()).isEmpty();
        assertThat(IsolationMachine.step(s, new Tick(true), 7_000, T).actions()).containsExactly(new Probe());
    }

    @Test
    void declaredReasonNamesTheSilenceAndTheAddresses() {
        IsolationMachine.Result r = IsolationMachine.step(connected(1_000, true, 3_000),
                new ProbeDone(new ProbeOutcome.NoneAnswered(List.of("10.0.0.1", "10.9.9.9"))), 4_000, T);
        assertThat(r.actions()).singleElement().isInstanceOf(Declared.class);
        assertThat(((Declared) r.actions().get(0)).reason())
                .isEqualTo("no agent heard for 3000 ms and no isolation address answered [10.0.0.1, 10.9.9.9]");
        assertThat(r.state().declaredMs()).isEqualTo(4_000);
    }

    @Test
    void noAddressIsReportedOnlyOnce() {
        State s = IsolationMachine.step(connected(0, true, 2_000), new ProbeDone(new ProbeOutcome.NoAddress()), 2_000, T).state();
        State pinging = IsolationMachine.step(s, new Tick(true), 3_000, T).state();
        IsolationMachine.Result again = IsolationMachine.step(pinging, new ProbeDone(new ProbeOutcome.NoAddress()), 3_000, T);
        assertThat(again.actions()).isEmpty();
        assertThat(again.state().isolated()).isFalse();
    }

    /**
     * Default timers: a slave whose network goes at T0 calls an election at T2 (master silent),
     * elects itself at T4, pings at once, is isolated at T4 and responds at T34.
     */
    @Test
    void isolatedSlaveTimelineWithDefaultTimers() {
        Timers t = Timers.of(Timing.defaults(), IsolationPolicy.defaults());
        assertThat(t).isEqualTo(new Timers(2000, IsolationMachine.PROBE_INTERVAL_MS, 30_000));
        State s = IsolationMachine.initial(0);
        long lastHeard = 10_000; // T0: last heartbeat from the master
        s = IsolationMachine.step(s, new MemberHeard(H2), lastHeard, t).state();
        for (long now = lastHeard; now < lastHeard + 4_000; now += 50) {
            // slave, then electing: no pings
            assertThat(IsolationMachine.step(s, new Tick(false), now, t).actions()).isEmpty();
        }
        IsolationMachine.Result r = IsolationMachine.step(s, new Tick(true), lastHeard + 4_000, t); // self-elected
        assertThat(r.actions()).containsExactly(new Probe());
        r = IsolationMachine.step(r.state(), new ProbeDone(new ProbeOutcome.NoneAnswered(GW)), lastHeard + 4_000, t);
        assertThat(r.state().isolated()).isTrue();
        s = r.state();
        long respondAt = -1;
        for (long now = lastHeard + 4_050; respondAt < 0; now += 50) {
            r = IsolationMachine.step(s, new Tick(true), now, t);
            s = r.state();
            if (r.actions().contains(new Probe())) {
                s = IsolationMachine.step(s, new ProbeDone(new ProbeOutcome.NoneAnswered(GW)), now, t).state();
            }
            if (r.actions().contains(new Respond())) {
                respondAt = now;
            }
        }
        assertThat(respondAt - lastHeard).isEqualTo(34_000);
    }
}
