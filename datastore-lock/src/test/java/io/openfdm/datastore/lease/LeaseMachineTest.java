package io.openfdm.datastore.lease;

import io.openfdm.core.model.HostId;
import io.openfdm.datastore.lease.LeaseDisk.Host;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.openfdm.datastore.lease.LeaseDisk.T;
import static org.assertj.core.api.Assertions.assertThat;

class LeaseMachineTest {
    private static final HostId A = HostId.of("host-a");
    private static final HostId B = HostId.of("host-b");

    /** A claims at t=0, holds from t=500 (and renews then: renewals 1); returns A. */
    private static Host acquired(LeaseDisk disk, String moid) {
        Host h = disk.host(moid);
        h.tick(0, true);
        h.tick(500, true);
        assertThat(h.phase()).isEqualTo(LeasePhase.HELD);
        return h;
    }

    @Test
    void acquiresOnAFreshDatastoreAfterTheSettleDelay() {
        LeaseDisk disk = new LeaseDisk();
        Host a = disk.host("host-a");
        a.tick(0, true);
        assertThat(a.lastWrite).contains(new LeaseRecord("c1", A, 1, 0, 0));
        assertThat(a.phase()).isEqualTo(LeasePhase.CLAIMING);
        assertThat(a.mayAct(0)).isFalse();

        a.tick(499, true);
        assertThat(a.phase()).isEqualTo(LeasePhase.CLAIMING);
        assertThat(a.lastWrite).isEmpty();
        assertThat(a.lastEvents).isEmpty();

        a.tick(500, true);
        assertThat(a.phase()).isEqualTo(LeasePhase.HELD);
        assertThat(a.lastEvents).containsExactly(new LeaseEvent.Acquired(1));
        // The settle delay equals the renew interval, so the first renewal goes out at once.
        assertThat(a.lastWrite).contains(new LeaseRecord("c1", A, 1, 1, 0));
        assertThat(a.mayAct(500)).isTrue();
        assertThat(a.mayAct(1499)).isTrue();
        assertThat(a.mayAct(1500)).isFalse();
    }

    @Test
    void doesNotClaimWithoutWantingTheLease() {
        LeaseDisk disk = new LeaseDisk();
        Host a = disk.host("host-a");
        for (long t = 0; t < 10_000; t += 100) {
            a.tick(t, false);
            assertThat(a.lastWrite).isEmpty();
        }
    }

    @Test
    void renewsEveryIntervalAndKeepsActing() {
        LeaseDisk disk = new LeaseDisk();
        Host a = acquired(disk, "host-a");
        List<Long> renewals = new ArrayList<>();
        for (long t = 550; t <= 5000; t += 50) {
            a.tick(t, true);
            a.lastWrite.ifPresent(r -> renewals.add(r.renewals()));
            assertThat(a.mayAct(t)).isTrue();
        }
        assertThat(renewals).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(disk.content).isEqualTo(new LeaseObservation.Present(new LeaseRecord("c1", A, 1, 10, 0)));
        assertThat(a.state.lastRenewOkMs()).isEqualTo(5000);
    }

    @Test
    void takesOverOnlyAfterTheTimeoutOfObservedNonRenewal() {
        LeaseDisk disk = new LeaseDisk();
        Host a = acquired(disk, "host-a");
        a.tick(1000, true); // last renewal, then A dies
        Host b = disk.host("host-b");
        b.tick(1100, true); // B's first look: A's record, renewals 1
        for (long t = 1101; t < 3100; t += 7) {
            b.tick(t, true);
            assertThat(b.lastWrite).as("at %d", t).isEmpty();
        }
        b.tick(3099, true);
        assertThat(b.lastWrite).as("1 ms before the timeout").isEmpty();
        b.tick(3100, true);
        assertThat(b.lastWrite).contains(new LeaseRecord("c1", B, 2, 0, 0));
        b.tick(3600, true);
        assertThat(b.lastEvents).containsExactly(new LeaseEvent.Acquired(2));
        assertThat(b.mayAct(3600)).isTrue();
    }

    @Test
    void aRenewalRestartsTheTakersTimer() {
        LeaseDisk disk = new LeaseDisk();
        Host a = acquired(disk, "host-a");
        Host b = disk.host("host-b");
        b.tick(600, true);
        a.tick(1000, true); // renewal 1
        b.tick(1001, true);
        b.tick(2600, true); // 2000 after B's first look, but only 1599 after the change
        assertThat(b.lastWrite).isEmpty();
        b.tick(3000, true);
        assertThat(b.lastWrite).isEmpty();
        b.tick(3001, true);
        assertThat(b.lastWrite).isPresent();
    }

    @Test
    void twoContendersOnAFreshDatastoreExactlyOneWins() {
        LeaseDisk disk = new LeaseDisk();
        Host a = disk.host("host-a");
        Host b = disk.host("host-b");
        LeaseObservation fresh = new LeaseObservation.Absent();
        a.tick(0, true, fresh);
        b.tick(5, true, fresh); // read before A's claim landed, writes after it
        assertThat(a.phase()).isEqualTo(LeasePhase.CLAIMING);
        assertThat(b.phase()).isEqualTo(LeasePhase.CLAIMING);

        a.tick(500, true);
        b.tick(505, true);
        assertThat(a.phase()).isEqualTo(LeasePhase.WATCHING);
        assertThat(a.lastEvents).isEmpty();
        assertThat(b.phase()).isEqualTo(LeasePhase.HELD);
        assertThat(b.lastEvents).containsExactly(new LeaseEvent.Acquired(1));
        for (long t = 505; t < 10_000; t += 50) {
            a.tick(t, true);
            b.tick(t + 1, true);
            assertThat(a.mayAct(t + 1) && b.mayAct(t + 1)).isFalse();
            assertThat(b.mayAct(t + 1)).isTrue();
        }
    }

    @Test
    void aStalledHolderStandsDownWithoutWritingWhileTheTakerHoldsALargerGeneration() {
        LeaseDisk disk = new LeaseDisk();
        Host a = acquired(disk, "host-a");
        a.tick(1000, true); // renewal started at 1000: A may act until 1999
        Host b = disk.host("host-b");
        long t = 1000;
        while (b.phase() != LeasePhase.HELD) {
            t += 50;
            b.tick(t, true);
            if (b.phase() != LeasePhase.HELD) {
                assertThat(b.mayAct(t)).isFalse();
            }
        }
        assertThat(t).isGreaterThanOrEqualTo(1000 + T.leaseTimeoutMs());
        assertThat(a.mayAct(1999)).isTrue();
        assertThat(a.mayAct(2000)).isFalse();
        assertThat(b.state.myGeneration()).isEqualTo(2);

        int writesBefore = disk.writes.size();
        a.tick(t + 10, true); // A wakes up
        assertThat(a.lastWrite).isEmpty();
        assertThat(disk.writes).hasSize(writesBefore);
        assertThat(a.lastEvents).containsExactly(new LeaseEvent.Lost("taken by host-b generation 2"));
        assertThat(a.phase()).isEqualTo(LeasePhase.WATCHING);
        assertThat(a.mayAct(t + 10)).isFalse();
        assertThat(b.mayAct(t + 10)).isTrue();
        b.tick(t + 20, true);
        assertThat(b.phase()).isEqualTo(LeasePhase.HELD);
    }

    @Test
    void aHolderBackFromAStallBeforeAnyTakerStillStandsDownWithoutWriting() {
        LeaseDisk disk = new LeaseDisk();
        Host a = acquired(disk, "host-a");
        a.tick(1000, true);
        int writesBefore = disk.writes.size();
        a.tick(2000, true); // 1000 ms after its last renewal started: too late to renew
        assertThat(a.lastWrite).isEmpty();
        assertThat(disk.writes).hasSize(writesBefore);
        assertThat(a.lastEvents).hasSize(1);
        assertThat(((LeaseEvent.Lost) a.lastEvents.get(0)).reason()).startsWith("stalled");
        assertThat(a.phase()).isEqualTo(LeasePhase.WATCHING);
        // It may claim again only like anyone else: after watching its own stale record for the timeout.
        a.tick(3999, true);
        assertThat(a.lastWrite).isEmpty();
        a.tick(4000, true);
        assertThat(a.lastWrite).contains(new LeaseRecord("c1", A, 2, 0, 0));
    }

    @Test
    void releaseLetsAWatcherClaimImmediately() {
        LeaseDisk disk = new LeaseDisk();
        Host a = acquired(disk, "host-a");
        Host b = disk.host("host-b");
        b.tick(600, true);
        a.tick(700, false);
        assertThat(a.lastWrite).contains(new LeaseRecord("c1", null, 1, 2, 0));
        assertThat(a.lastEvents).containsExactly(new LeaseEvent.Released(1));
        assertThat(a.mayAct(700)).isFalse();
        b.tick(710, true);
        assertThat(b.lastWrite).contains(new LeaseRecord("c1", B, 2, 0, 0));
        b.tick(1210, true);
        assertThat(b.lastEvents).containsExactly(new LeaseEvent.Acquired(2));
    }

    @Test
    void generationsStrictlyGrowAcrossTakeovers() {
        LeaseDisk disk = new LeaseDisk();
        Host[] hosts = {disk.host("host-a"), disk.host("host-b"), disk.host("host-c")};
        long t = 0;
        List<Long> acquired = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            Host holder = hosts[round % 3];
            // Only this round's holder ticks; the previous one gives the lease up by dying (no
            // more ticks), so the new one must wait for the timeout.
            int before = acquired.size();
            for (int i = 0; i < 200 && acquired.size() == before; i++) {
                t += 50;
                holder.tick(t, true);
                holder.lastEvents.stream().filter(e -> e instanceof LeaseEvent.Acquired)
                        .forEach(e -> acquired.add(((LeaseEvent.Acquired) e).generation()));
            }
            for (int i = 0; i < 10; i++) {
                t += 50;
                holder.tick(t, true);
            }
        }
        assertThat(acquired).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void corruptFileIsTreatedAsAValueThatMustStayUnchangedForTheTimeout() {
        LeaseDisk disk = new LeaseDisk();
        Host b = disk.host("host-b");
        LeaseObservation bad = new LeaseObservation.Corrupt("checksum mismatch [content sha256 aaaa]");
        b.tick(0, true, bad);
        assertThat(b.lastWrite).as("a corrupt first look is not a fresh datastore").isEmpty();
        b.tick(1000, true, new LeaseObservation.Corrupt("checksum mismatch [content sha256 bbbb]"));
        b.tick(2999, true, new LeaseObservation.Corrupt("checksum mismatch [content sha256 bbbb]"));
        assertThat(b.lastWrite).as("a changing corrupt file restarts the timer").isEmpty();
        b.tick(3000, true, new LeaseObservation.Corrupt("checksum mismatch [content sha256 bbbb]"));
        assertThat(b.lastWrite).contains(new LeaseRecord("c1", B, 1, 0, 0));
    }

    @Test
    void generationAfterACorruptFileIsAboveAnythingSeenBefore() {
        LeaseDisk disk = new LeaseDisk();
        Host b = disk.host("host-b");
        b.tick(0, true, new LeaseObservation.Present(new LeaseRecord("c1", A, 41, 3, 0)));
        LeaseObservation bad = new LeaseObservation.Corrupt("truncated");
        b.tick(100, true, bad);
        b.tick(2100, true, bad);
        assertThat(b.lastWrite).contains(new LeaseRecord("c1", B, 42, 0, 0));
    }

    @Test
    void holderOverwritesACorruptReadOfItsOwnLeaseWithARenewal() {
        LeaseDisk disk = new LeaseDisk();
        Host a = acquired(disk, "host-a");
        a.tick(1000, true, new LeaseObservation.Corrupt("checksum mismatch"));
        assertThat(a.phase()).isEqualTo(LeasePhase.HELD);
        assertThat(a.lastWrite).contains(new LeaseRecord("c1", A, 1, 2, 0));
        assertThat(a.lastEvents).isEmpty();
        assertThat(a.mayAct(1999)).isTrue();
    }

    @Test
    void holderThatCannotRenewStopsActingAtStandDownAndThenReportsLost() {
        LeaseDisk disk = new LeaseDisk();
        Host a = acquired(disk, "host-a");
        LeaseObservation gone = new LeaseObservation.Inaccessible("ds1: not accessible");
        a.tick(600, true, gone);
        a.tick(1499, true, gone);
        assertThat(a.phase()).isEqualTo(LeasePhase.HELD);
        assertThat(a.lastWrite).isEmpty();
        assertThat(a.mayAct(1499)).isTrue();
        assertThat(a.mayAct(1500)).isFalse();
        a.tick(1500, true, gone);
        assertThat(a.phase()).isEqualTo(LeasePhase.WATCHING);
        assertThat(a.lastEvents).singleElement().isInstanceOf(LeaseEvent.Lost.class);
    }

    @Test
    void failedRenewalsDoNotExtendTheLease() {
        LeaseDisk disk = new LeaseDisk();
        Host a = acquired(disk, "host-a"); // lastRenewOk = 500
        LeaseStep step = LeaseMachine.observe(a.state, disk.content, true, 1000, T);
        assertThat(step.write()).isPresent();
        LeaseState s = LeaseMachine.written(step.state(), false, 1000);
        assertThat(s.lastRenewOkMs()).isEqualTo(500);
        assertThat(LeaseMachine.mayAct(s, 1499, T)).isTrue();
        assertThat(LeaseMachine.mayAct(s, 1500, T)).isFalse();
    }

    @Test
    void inaccessibleWhileWatchingNeitherClaimsNorResetsTheTimer() {
        LeaseDisk disk = new LeaseDisk();
        acquired(disk, "host-a");
        Host b = disk.host("host-b");
        b.tick(600, true);
        LeaseObservation gone = new LeaseObservation.Inaccessible("io error");
        for (long t = 700; t < 4000; t += 100) {
            b.tick(t, true, gone);
            assertThat(b.lastWrite).isEmpty();
        }
        b.tick(4000, true); // same value as at 600: unchanged for 3400 ms
        assertThat(b.lastWrite).contains(new LeaseRecord("c1", B, 2, 0, 0));
    }

    @Test
    void firstObservationInaccessibleThenAbsentIsStillAFreshDatastore() {
        LeaseDisk disk = new LeaseDisk();
        Host b = disk.host("host-b");
        b.tick(0, true, new LeaseObservation.Inaccessible("not mounted yet"));
        assertThat(b.state.everObserved()).isFalse();
        b.tick(100, true);
        assertThat(b.lastWrite).isPresent();
    }

    @Test
    void absentFileAfterAValueIsNotAFreshDatastore() {
        LeaseDisk disk = new LeaseDisk();
        Host b = disk.host("host-b");
        b.tick(0, true, new LeaseObservation.Present(new LeaseRecord("c1", A, 3, 0, 0)));
        b.tick(100, true, new LeaseObservation.Absent());
        assertThat(b.lastWrite).isEmpty();
        b.tick(2100, true, new LeaseObservation.Absent());
        assertThat(b.lastWrite).contains(new LeaseRecord("c1", B, 4, 0, 0));
    }

    @Test
    void holderSeeingItsFileDeletedStandsDownAtOnce() {
        LeaseDisk disk = new LeaseDisk();
        Host a = acquired(disk, "host-a");
        a.tick(600, true, new LeaseObservation.Absent());
        assertThat(a.lastWrite).isEmpty();
        assertThat(a.lastEvents).containsExactly(new LeaseEvent.Lost("lease file disappeared"));
        assertThat(a.mayAct(600)).isFalse();
    }

    @Test
    void failedClaimWriteGoesBackToWatching() {
        LeaseState s = LeaseState.initial("c1", "ds1", A);
        LeaseStep step = LeaseMachine.observe(s, new LeaseObservation.Absent(), true, 0, T);
        assertThat(step.state().phase()).isEqualTo(LeasePhase.CLAIMING);
        LeaseState after = LeaseMachine.written(step.state(), false, 0);
        assertThat(after.phase()).isEqualTo(LeasePhase.WATCHING);
    }

    @Test
    void claimReadBackTooLateIsNotTrusted() {
        LeaseDisk disk = new LeaseDisk();
        Host a = disk.host("host-a");
        a.tick(0, true);
        a.tick(1000, true); // stalled through the settle window up to stand-down
        assertThat(a.phase()).isEqualTo(LeasePhase.WATCHING);
        assertThat(a.lastEvents).isEmpty();
        assertThat(a.mayAct(1000)).isFalse();
    }

    @Test
    void claimantThatStopsWantingReleasesAfterSettle() {
        LeaseDisk disk = new LeaseDisk();
        Host a = disk.host("host-a");
        a.tick(0, true);
        a.tick(500, false);
        assertThat(a.phase()).isEqualTo(LeasePhase.WATCHING);
        assertThat(a.lastWrite).contains(new LeaseRecord("c1", null, 1, 1, 0));
    }
}
