package io.openfdm.agent.isolation;

import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The isolation response VM by VM: none, power off, shut down with its timeout, gating, retries. */
class IsolationResponderTest {
    static final VmId VM1 = VmId.of("vm-1");
    static final VmId VM2 = VmId.of("vm-2");
    static final ResponseGate.Verdict ALLOWED = new ResponseGate.Verdict(true, "master host-3 holds the lease on ds-1");
    static final ResponseGate.Verdict REFUSED = new ResponseGate.Verdict(false, "no other master holds the lease on ds-1");

    static VmInfo vm(VmId id, boolean on) {
        return new VmInfo(id, id.moid(), "ds-1", on ? PowerState.POWERED_ON : PowerState.POWERED_OFF, 0, 0, RestartPriority.MEDIUM);
    }

    static Function<VmId, IsolationResponse> all(IsolationResponse r) {
        return vm -> r;
    }

    static Function<VmInfo, ResponseGate.Verdict> gate(ResponseGate.Verdict v) {
        return vm -> v;
    }

    @Test
    void leavePoweredOnDoesNothingButSayItOnce() {
        IsolationResponder r = new IsolationResponder(300_000);
        List<VmInfo> inv = List.of(vm(VM1, true), vm(VM2, true));
        assertThat(r.step(inv, true, all(IsolationResponse.NONE), gate(ALLOWED), 0))
                .containsExactly(new ResponseAction.LeftPoweredOn(VM1), new ResponseAction.LeftPoweredOn(VM2));
        assertThat(r.step(inv, true, all(IsolationResponse.NONE), gate(ALLOWED), 50)).isEmpty();
    }

    @Test
    void powerOffWhenAllowedThenMarkerOnceTheInventoryShowsItOff() {
        IsolationResponder r = new IsolationResponder(300_000);
        assertThat(r.step(List.of(vm(VM1, true)), true, all(IsolationResponse.POWER_OFF), gate(ALLOWED), 0))
                .containsExactly(new ResponseAction.PowerOff(VM1, IsolationResponse.POWER_OFF, ALLOWED.reason()));
        assertThat(r.busy()).isTrue();
        assertThat(r.step(List.of(vm(VM1, true)), true, all(IsolationResponse.POWER_OFF), gate(ALLOWED), 50)).isEmpty();
        assertThat(r.step(List.of(vm(VM1, false)), true, all(IsolationResponse.POWER_OFF), gate(ALLOWED), 100))
                .containsExactly(new ResponseAction.PoweredOff(VM1, IsolationResponse.POWER_OFF));
        assertThat(r.busy()).isFalse();
        // Powered on again by hand while still isolated: left alone.
        assertThat(r.step(List.of(vm(VM1, true)), true, all(IsolationResponse.POWER_OFF), gate(ALLOWED), 150)).isEmpty();
    }

    @Test
    void heldBackWhileRefusedReportedOncePerReasonThenAppliedWhenAllowed() {
        IsolationResponder r = new IsolationResponder(300_000);
        List<VmInfo> inv = List.of(vm(VM1, true));
        assertThat(r.step(inv, true, all(IsolationResponse.POWER_OFF), gate(REFUSED), 0))
                .containsExactly(new ResponseAction.HeldBack(VM1, IsolationResponse.POWER_OFF, REFUSED.reason()));
        assertThat(r.step(inv, true, all(IsolationResponse.POWER_OFF), gate(REFUSED), 50)).isEmpty();
        ResponseGate.Verdict stale = new ResponseGate.Verdict(false, "the lease of host-3 on ds-1 has not been renewed for 2000 ms");
        assertThat(r.step(inv, true, all(IsolationResponse.POWER_OFF), gate(stale), 100))
                .containsExactly(new ResponseAction.HeldBack(VM1, IsolationResponse.POWER_OFF, stale.reason()));
        assertThat(r.step(inv, true, all(IsolationResponse.POWER_OFF), gate(ALLOWED), 150))
                .containsExactly(new ResponseAction.PowerOff(VM1, IsolationResponse.POWER_OFF, ALLOWED.reason()));
    }

    @Test
    void shutdownWaitsForTheGuestThenPowersOffAfterTheTimeout() {
        IsolationResponder r = new IsolationResponder(60_000);
        Function<VmId, IsolationResponse> shutdown = all(IsolationResponse.SHUTDOWN);
        List<VmInfo> both = List.of(vm(VM1, true), vm(VM2, true));
        assertThat(r.step(both, true, shutdown, gate(ALLOWED), 0)).containsExactly(
                new ResponseAction.ShutdownGuest(VM1, ALLOWED.reason()), new ResponseAction.ShutdownGuest(VM2, ALLOWED.reason()));
        // vm-1's guest finishes after 10 s; vm-2's hangs.
        assertThat(r.step(List.of(vm(VM1, false), vm(VM2, true)), true, shutdown, gate(ALLOWED), 10_000))
                .containsExactly(new ResponseAction.PoweredOff(VM1, IsolationResponse.SHUTDOWN));
        assertThat(r.step(List.of(vm(VM1, false), vm(VM2, true)), true, shutdown, gate(ALLOWED), 59_999)).isEmpty();
        assertThat(r.step(List.of(vm(VM1, false), vm(VM2, true)), true, shutdown, gate(ALLOWED), 60_000)).containsExactly(
                new ResponseAction.PowerOff(VM2, IsolationResponse.SHUTDOWN, "guest did not shut down within 60000 ms"));
        assertThat(r.step(List.of(vm(VM1, false), vm(VM2, false)), true, shutdown, gate(ALLOWED), 60_050))
                .containsExactly(new ResponseAction.PoweredOff(VM2, IsolationResponse.SHUTDOWN));
    }

    @Test
    void perVmResponsesAreHonoured() {
        IsolationResponder r = new IsolationResponder(300_000);
        Map<VmId, IsolationResponse> responses = Map.of(VM1, IsolationResponse.POWER_OFF, VM2, IsolationResponse.NONE);
        assertThat(r.step(List.of(vm(VM1, true), vm(VM2, true)), true, responses::get, gate(ALLOWED), 0)).containsExactly(
                new ResponseAction.PowerOff(VM1, IsolationResponse.POWER_OFF, ALLOWED.reason()),
                new ResponseAction.LeftPoweredOn(VM2));
    }

    @Test
    void aFailedCallIsRetriedAfterTheRetryInterval() {
        IsolationResponder r = new IsolationResponder(300_000);
        List<VmInfo> inv = List.of(vm(VM1, true));
        assertThat(r.step(inv, true, all(IsolationResponse.POWER_OFF), gate(ALLOWED), 0)).hasSize(1);
        r.failed(VM1, 10);
        assertThat(r.step(inv, true, all(IsolationResponse.POWER_OFF), gate(ALLOWED), 10 + IsolationResponder.RETRY_INTERVAL_MS - 1))
                .isEmpty();
        assertThat(r.step(inv, true, all(IsolationResponse.POWER_OFF), gate(ALLOWED), 10 + IsolationResponder.RETRY_INTERVAL_MS))
                .containsExactly(new ResponseAction.PowerOff(VM1, IsolationResponse.POWER_OFF, ALLOWED.reason()));
    }

    @Test
    void notIsolatedNothingStartsAndAShutdownUnderWayIsWatchedButNeverForced() {
        IsolationResponder r = new IsolationResponder(60_000);
        assertThat(r.step(List.of(vm(VM1, true)), false, all(IsolationResponse.POWER_OFF), gate(ALLOWED), 0)).isEmpty();

        assertThat(r.step(List.of(vm(VM1, true), vm(VM2, true)), true, all(IsolationResponse.SHUTDOWN), gate(ALLOWED), 0))
                .hasSize(2);
        r.isolationEnded();
        assertThat(r.step(List.of(vm(VM1, false), vm(VM2, true)), false, all(IsolationResponse.SHUTDOWN), gate(ALLOWED), 5_000))
                .containsExactly(new ResponseAction.PoweredOff(VM1, IsolationResponse.SHUTDOWN));
        assertThat(r.step(List.of(vm(VM1, false), vm(VM2, true)), false, all(IsolationResponse.SHUTDOWN), gate(ALLOWED), 60_000))
                .containsExactly(new ResponseAction.GaveUp(VM2, "guest shutdown did not finish within 60000 ms and the"
                        + " isolation has ended; not forced off, still watched"));
        // still HA's shutdown: when the guest does go down later, its marker follows (random tier seed 276)
        assertThat(r.busy()).isTrue();
        assertThat(r.step(List.of(vm(VM1, false), vm(VM2, true)), false, all(IsolationResponse.SHUTDOWN), gate(ALLOWED), 90_000))
                .isEmpty();
        assertThat(r.step(List.of(vm(VM1, false), vm(VM2, false)), false, all(IsolationResponse.SHUTDOWN), gate(ALLOWED), 95_000))
                .containsExactly(new ResponseAction.PoweredOff(VM2, IsolationResponse.SHUTDOWN));
        assertThat(r.busy()).isFalse();
    }

    @Test
    void aShutdownNoLongerForcedEndsWhenTheVmLeavesTheHost() {
        IsolationResponder r = new IsolationResponder(60_000);
        r.step(List.of(vm(VM2, true)), true, all(IsolationResponse.SHUTDOWN), gate(ALLOWED), 0);
        r.isolationEnded();
        assertThat(r.step(List.of(vm(VM2, true)), false, all(IsolationResponse.SHUTDOWN), gate(ALLOWED), 60_000)).hasSize(1);
        assertThat(r.step(List.of(), false, all(IsolationResponse.SHUTDOWN), gate(ALLOWED), 61_000))
                .containsExactly(new ResponseAction.PoweredOff(VM2, IsolationResponse.SHUTDOWN));
        assertThat(r.busy()).isFalse();
    }

    @Test
    void aNewIsolationStartsFresh() {
        IsolationResponder r = new IsolationResponder(300_000);
        List<VmInfo> inv = List.of(vm(VM1, true));
        assertThat(r.step(inv, true, all(IsolationResponse.POWER_OFF), gate(REFUSED), 0)).hasSize(1);
        r.isolationEnded();
        assertThat(r.step(inv, true, all(IsolationResponse.POWER_OFF), gate(REFUSED), 100_000))
                .containsExactly(new ResponseAction.HeldBack(VM1, IsolationResponse.POWER_OFF, REFUSED.reason()));
    }
}
