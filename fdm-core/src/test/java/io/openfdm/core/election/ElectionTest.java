package io.openfdm.core.election;

import io.openfdm.core.config.Timing;
import io.openfdm.core.election.Election.Action;
import io.openfdm.core.election.Election.BecameMaster;
import io.openfdm.core.election.Election.BecameSlave;
import io.openfdm.core.election.Election.Result;
import io.openfdm.core.election.Election.State;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ElectionTest {
    private static final Timing T = Timing.defaults();
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");
    private static final HostId H3 = HostId.of("host-3");
    private static final HostId H99 = HostId.of("host-99");
    private static final HostId H100 = HostId.of("host-100");

    @Test
    void claimOrderIsDatastoresThenMoidAsString() {
        assertThat(new Claim(H99, 2).beats(new Claim(H100, 2))).isTrue();
        assertThat(new Claim(H100, 3).beats(new Claim(H99, 2))).isTrue();
        assertThat(new Claim(H1, 2).beats(new Claim(H1, 2))).isFalse();
    }

    @Test
    void electionEndsAsSoonAsEveryMemberIsHeardAndStrongestWins() {
        State s = Election.initial(H1, 2, Set.of(H1, H2, H3));
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        s = step(s, new Election.ClaimHeard(new Claim(H2, 3)), 10).state();
        Result r = step(s, new Election.Tick(), 20);
        assertThat(r.state().role()).isEqualTo(Role.ELECTION); // host-3 not heard yet
        r = step(r.state(), new Election.ClaimHeard(new Claim(H3, 2)), 30);
        r = step(r.state(), new Election.Tick(), 40);
        assertThat(r.state().role()).isEqualTo(Role.SLAVE);
        assertThat(r.state().masterId()).isEqualTo(H2);
        assertThat(r.actions()).contains(new BecameSlave(H2, Role.ELECTION, "won the election"));
    }

    @Test
    void windowEndsElectionWhenSomeMembersAreSilent() {
        State s = Election.initial(H3, 2, Set.of(H1, H2, H3));
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        s = step(s, new Election.ClaimHeard(new Claim(H2, 2)), 10).state();
        assertThat(step(s, new Election.Tick(), T.electionWindowMs() - 1).state().role()).isEqualTo(Role.ELECTION);
        Result r = step(s, new Election.Tick(), T.electionWindowMs());
        assertThat(r.state().role()).isEqualTo(Role.MASTER);
        assertThat(r.actions()).contains(new BecameMaster(Role.ELECTION));
    }

    @Test
    void tieGoesToGreatestMoidComparedAsStrings() {
        State s = Election.initial(H100, 2, Set.of(H99, H100));
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        s = step(s, new Election.ClaimHeard(new Claim(H99, 2)), 1).state();
        Result r = step(s, new Election.Tick(), 2);
        assertThat(r.state().masterId()).isEqualTo(H99);
    }

    @Test
    void moreDatastoresBeatGreaterMoid() {
        State s = Election.initial(H99, 1, Set.of(H99, H100));
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        s = step(s, new Election.ClaimHeard(new Claim(H100, 2)), 1).state();
        assertThat(step(s, new Election.Tick(), 2).state().masterId()).isEqualTo(H100);
    }

    @Test
    void runningMasterIsJoinedNotDisplaced() {
        State s = Election.initial(H3, 5, Set.of(H1, H3));
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        Result r = step(s, new Election.MasterHeard(new Claim(H1, 1)), 5);
        assertThat(r.state().role()).isEqualTo(Role.SLAVE);
        assertThat(r.state().masterId()).isEqualTo(H1);
    }

    @Test
    void masterAnswersAClaimantWithAHeartbeat() {
        State s = masterOf(H2, Set.of(H1, H2));
        Result r = step(s, new Election.ClaimHeard(new Claim(H1, 9)), 100);
        assertThat(r.state().role()).isEqualTo(Role.MASTER);
        assertThat(r.actions()).containsExactly(new Election.AnswerAsMaster(H1));
    }

    @Test
    void weakerOfTwoMastersStepsDown() {
        State s = masterOf(H1, Set.of(H1, H2));
        Result r = step(s, new Election.MasterHeard(new Claim(H2, 1)), 100);
        assertThat(r.state().role()).isEqualTo(Role.SLAVE);
        assertThat(r.state().masterId()).isEqualTo(H2);

        State strong = masterOf(H2, Set.of(H1, H2));
        Result kept = step(strong, new Election.MasterHeard(new Claim(H1, 1)), 100);
        assertThat(kept.state().role()).isEqualTo(Role.MASTER);
        assertThat(kept.actions()).containsExactly(new Election.AnswerAsMaster(H1));
    }

    @Test
    void silentMasterStartsElectionThatDoesNotWaitForIt() {
        State s = Election.initial(H1, 1, Set.of(H1, H2, H3));
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        s = step(s, new Election.MasterHeard(new Claim(H3, 1)), 10).state();
        Result r = step(s, new Election.Tick(), 10 + T.masterFailureTimeoutMs());
        assertThat(r.state().role()).isEqualTo(Role.ELECTION);
        assertThat(r.state().presumedDown()).containsExactly(H3);
        r = step(r.state(), new Election.ClaimHeard(new Claim(H2, 1)), 2100);
        r = step(r.state(), new Election.Tick(), 2110);
        assertThat(r.state().role()).isEqualTo(Role.SLAVE);
        assertThat(r.state().masterId()).isEqualTo(H2);
    }

    @Test
    void electionAfterMasterFailureDoesNotWaitForHostsTheMasterReportedDown() {
        State s = Election.initial(H1, 1, Set.of(H1, H2, H3));
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        s = step(s, new Election.MasterHeard(new Claim(H3, 1)), 10).state();
        s = step(s, new Election.DownHostsHeard(Set.of(H2)), 20).state();
        Result r = step(s, new Election.Tick(), 20 + T.masterFailureTimeoutMs());
        assertThat(r.state().presumedDown()).containsExactlyInAnyOrder(H2, H3);
        // Nobody else to wait for: host-1 decides on the next tick.
        r = step(r.state(), new Election.Tick(), 30 + T.masterFailureTimeoutMs());
        assertThat(r.state().role()).isEqualTo(Role.MASTER);
    }

    @Test
    void resignationStartsElectionAtOnce() {
        State s = Election.initial(H1, 1, Set.of(H1, H2));
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        s = step(s, new Election.MasterHeard(new Claim(H2, 1)), 10).state();
        Result r = step(s, new Election.ResignHeard(new Claim(H2, 1)), 20);
        assertThat(r.state().role()).isEqualTo(Role.ELECTION);
        r = step(r.state(), new Election.Tick(), 30);
        assertThat(r.state().role()).isEqualTo(Role.MASTER);
    }

    @Test
    void slaveMovesToStrongerMaster() {
        State s = Election.initial(H1, 1, Set.of(H1, H2, H3));
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        s = step(s, new Election.MasterHeard(new Claim(H2, 1)), 10).state();
        Result r = step(s, new Election.MasterHeard(new Claim(H3, 1)), 20);
        assertThat(r.state().masterId()).isEqualTo(H3);
        Result weaker = step(r.state(), new Election.MasterHeard(new Claim(H2, 1)), 30);
        assertThat(weaker.state().masterId()).isEqualTo(H3);
        assertThat(weaker.actions()).isEmpty();
    }

    @Test
    void claimsAreResentDuringElection() {
        State s = Election.initial(H1, 1, Set.of(H1, H2));
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        List<Action> a = step(s, new Election.Tick(), T.electionClaimIntervalMs()).actions();
        assertThat(a).containsExactly(new Election.SendClaim(null));
    }

    private static State masterOf(HostId self, Set<HostId> members) {
        State s = Election.initial(self, 1, members);
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        s = step(s, new Election.Tick(), T.electionWindowMs()).state();
        assertThat(s.role()).isEqualTo(Role.MASTER);
        return s;
    }

    private static Result step(State s, Election.Event e, long now) {
        return Election.step(s, e, now, T);
    }
}
