package io.openfdm.datastore.lease;

import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lease protocol when reads and writes take time (they run on a datastore worker, so the
 * caller knows when each one started and completed): validity counts from a write's start, a
 * late claim counts as failed, a stale read never leads to a claim, and a read-back must start a
 * settle delay after the claim completed.
 */
class SlowLeaseIoTest {
    private static final Timing T = Timing.defaults(); // renew 500, stand-down 1000, timeout 2000, settle 500
    private static final HostId A = HostId.of("host-a");
    private static final HostId B = HostId.of("host-b");

    private static LeaseObservation present(HostId owner, long generation, long renewals) {
        return new LeaseObservation.Present(new LeaseRecord("c1", owner, generation, renewals, 0));
    }

    /** A on a fresh datastore: claim decided (and written) from a read at {@code 0}. */
    private static LeaseState claiming() {
        LeaseStep step = LeaseMachine.observe(LeaseState.initial("c1", "ds-1", A), new LeaseObservation.Absent(), true, 0, 0, T);
        assertThat(step.state().phase()).isEqualTo(LeasePhase.CLAIMING);
        assertThat(step.write()).isPresent();
        return step.state();
    }

    @Test
    void theIoBoundIsHalfTheSettleDelay() {
        assertThat(LeaseMachine.ioBoundMs(T)).isEqualTo(250);
    }

    @Test
    void aClaimWriteThatTookLongerThanTheBoundCountsAsFailed() {
        LeaseState late = LeaseMachine.written(claiming(), true, 0, 251, T);
        assertThat(late.phase()).isEqualTo(LeasePhase.WATCHING);

        LeaseState inTime = LeaseMachine.written(claiming(), true, 0, 250, T);
        assertThat(inTime.phase()).isEqualTo(LeasePhase.CLAIMING);
        assertThat(inTime.claimWritten()).isTrue();
        assertThat(inTime.claimWrittenMs()).isZero();
        assertThat(inTime.claimDoneMs()).isEqualTo(250);
    }

    @Test
    void theReadBackMustStartASettleDelayAfterTheClaimCompleted() {
        LeaseState s = LeaseMachine.written(claiming(), true, 0, 200, T);
        // Started 650 ms after the claim's start but only 450 after its completion: not yet.
        LeaseStep early = LeaseMachine.observe(s, present(A, 1, 0), true, 650, 660, T);
        assertThat(early.state().phase()).isEqualTo(LeasePhase.CLAIMING);
        assertThat(early.events()).isEmpty();

        LeaseStep settled = LeaseMachine.observe(s, present(A, 1, 0), true, 700, 710, T);
        assertThat(settled.state().phase()).isEqualTo(LeasePhase.HELD);
        assertThat(settled.events()).containsExactly(new LeaseEvent.Acquired(1));
        // Held from the claim's start, not from its completion or the read-back.
        assertThat(settled.state().lastRenewOkMs()).isZero();
        assertThat(LeaseMachine.mayAct(settled.state(), 999, T)).isTrue();
        assertThat(LeaseMachine.mayAct(settled.state(), 1000, T)).isFalse();
    }

    @Test
    void aRenewalThatCompletesLateIsValidOnlyFromItsStart() {
        LeaseState s = LeaseMachine.written(claiming(), true, 0, 10, T);
        s = LeaseMachine.observe(s, present(A, 1, 0), true, 510, 510, T).state();
        assertThat(s.phase()).isEqualTo(LeasePhase.HELD);
        // The renewal decided at 510 completes 1,400 ms later: the lease is valid until 1,510 only.
        s = LeaseMachine.written(s, true, 510, 1910, T);
        assertThat(s.lastRenewOkMs()).isEqualTo(510);
        assertThat(LeaseMachine.mayAct(s, 1509, T)).isTrue();
        assertThat(LeaseMachine.mayAct(s, 1910, T)).isFalse();
        // The next read stands down without writing.
        LeaseStep next = LeaseMachine.observe(s, present(A, 1, 1), true, 1910, 1920, T);
        assertThat(next.state().phase()).isEqualTo(LeasePhase.WATCHING);
        assertThat(next.write()).isEmpty();
        assertThat(next.events()).singleElement().isInstanceOf(LeaseEvent.Lost.class);
    }

    @Test
    void aStaleReadNeverLeadsToAClaimAndUnchangedTimeCountsOnlyToTheReadsStart() {
        LeaseState s = LeaseState.initial("c1", "ds-1", B);
        s = LeaseMachine.observe(s, present(A, 3, 7), true, 0, 0, T).state(); // seen at 0
        // A read started at 1,990 and answered at 2,100: unchanged only until 1,990, not expired.
        LeaseStep notYet = LeaseMachine.observe(s, present(A, 3, 7), true, 1990, 2100, T);
        assertThat(notYet.write()).isEmpty();
        // A read that started at 2,000 but took 300 ms (> 250): stale, no claim.
        LeaseStep stale = LeaseMachine.observe(s, present(A, 3, 7), true, 2000, 2300, T);
        assertThat(stale.write()).isEmpty();
        assertThat(stale.state().phase()).isEqualTo(LeasePhase.WATCHING);
        // A prompt read: claim generation 4.
        LeaseStep claim = LeaseMachine.observe(s, present(A, 3, 7), true, 2000, 2250, T);
        assertThat(claim.state().phase()).isEqualTo(LeasePhase.CLAIMING);
        assertThat(claim.write()).contains(new LeaseRecord("c1", B, 4, 0, 0));
    }

    @Test
    void aChangeCountsFromTheReadsCompletion() {
        LeaseState s = LeaseState.initial("c1", "ds-1", B);
        s = LeaseMachine.observe(s, present(A, 3, 7), true, 0, 0, T).state();
        // A renewal seen by a read that started at 100 and completed at 240.
        s = LeaseMachine.observe(s, present(A, 3, 8), true, 100, 240, T).state();
        assertThat(s.lastChangeMs()).isEqualTo(240);
        assertThat(LeaseMachine.observe(s, present(A, 3, 8), true, 2239, 2239, T).write()).isEmpty();
        assertThat(LeaseMachine.observe(s, present(A, 3, 8), true, 2240, 2240, T).write()).isPresent();
    }
}
