package io.openfdm.core.election;

import io.openfdm.core.config.Timing;
import io.openfdm.core.election.Election.BecameMaster;
import io.openfdm.core.election.Election.BecameSlave;
import io.openfdm.core.election.Election.Result;
import io.openfdm.core.election.Election.SendClaim;
import io.openfdm.core.election.Election.Started;
import io.openfdm.core.election.Election.State;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.Role;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Hosts in maintenance or standby mode (not candidates) in the election. */
class ElectionCandidacyTest {
    private static final Timing T = Timing.defaults();
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");
    private static final HostId H3 = HostId.of("host-3");

    @Test
    void anyCandidateBeatsANonCandidateWhateverItsDatastoresAndMoid() {
        assertThat(new Claim(H1, 1).beats(new Claim(H3, 5, false))).isTrue();
        assertThat(new Claim(H3, 5, false).beats(new Claim(H1, 1))).isFalse();
        assertThat(new Claim(H3, 2, false).beats(new Claim(H1, 2, false))).isTrue(); // among non-candidates: the usual order
        assertThat(new Claim(H1, 2)).isEqualTo(new Claim(H1, 2, true));
    }

    @Test
    void aNonCandidateWithTheBestClaimBecomesSlaveOfTheBestCandidate() {
        State s = Election.initial(H3, 2, Set.of(H1, H2, H3));
        s = step(s, new Election.CandidacyChanged(false), 0).state();
        assertThat(s.selfClaim()).isEqualTo(new Claim(H3, 2, false));
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        s = step(s, new Election.ClaimHeard(new Claim(H1, 2)), 10).state();
        s = step(s, new Election.ClaimHeard(new Claim(H2, 1)), 20).state();
        Result r = step(s, new Election.Tick(), 30);
        assertThat(r.state().role()).isEqualTo(Role.SLAVE);
        assertThat(r.state().masterId()).isEqualTo(H1);
    }

    @Test
    void othersDoNotElectANonCandidate() {
        State s = Election.initial(H1, 2, Set.of(H1, H2));
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        s = step(s, new Election.ClaimHeard(new Claim(H2, 5, false)), 10).state();
        Result r = step(s, new Election.Tick(), 20);
        assertThat(r.state().role()).isEqualTo(Role.MASTER);
        assertThat(r.actions()).contains(new BecameMaster(Role.ELECTION));
    }

    @Test
    void withNoCandidateNobodyBecomesMasterAndANewRoundStartsAfterTheWindow() {
        State s = Election.initial(H2, 2, Set.of(H1, H2));
        s = step(s, new Election.CandidacyChanged(false), 0).state();
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        s = step(s, new Election.ClaimHeard(new Claim(H1, 2, false)), 10).state();
        Result r = step(s, new Election.Tick(), 20);
        assertThat(r.state().role()).isEqualTo(Role.ELECTION); // everyone heard, but no candidate: wait
        r = step(r.state(), new Election.Tick(), T.electionWindowMs());
        assertThat(r.state().role()).isEqualTo(Role.ELECTION);
        assertThat(r.state().startedMs()).isEqualTo(T.electionWindowMs());
        assertThat(r.actions()).containsExactly(new SendClaim(null)); // no new "election started"
        assertThat(r.state().heard()).containsOnlyKeys(H2);
        // host-1 leaves maintenance: its claim makes it master, host-2 follows.
        r = step(r.state(), new Election.ClaimHeard(new Claim(H1, 2, true)), T.electionWindowMs() + 10);
        r = step(r.state(), new Election.Tick(), T.electionWindowMs() + 20);
        assertThat(r.state().role()).isEqualTo(Role.SLAVE);
        assertThat(r.state().masterId()).isEqualTo(H1);
    }

    @Test
    void aMasterThatStopsBeingACandidateStartsAnElection() {
        State s = Election.initial(H3, 2, Set.of(H1, H3));
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        s = step(s, new Election.ClaimHeard(new Claim(H1, 2)), 1).state();
        s = step(s, new Election.Tick(), 2).state();
        assertThat(s.role()).isEqualTo(Role.MASTER);
        Result r = step(s, new Election.CandidacyChanged(false), 100);
        assertThat(r.state().role()).isEqualTo(Role.ELECTION);
        assertThat(r.actions()).hasSize(2).first().isInstanceOf(Started.class);
        assertThat(r.state().selfClaim().candidate()).isFalse();
        r = step(r.state(), new Election.ClaimHeard(new Claim(H1, 2)), 110);
        r = step(r.state(), new Election.Tick(), 120);
        assertThat(r.actions()).contains(new BecameSlave(H1, Role.ELECTION, "won the election"));
    }

    @Test
    void aSlaveThatBecomesACandidateAgainKeepsItsMaster() {
        State s = Election.initial(H3, 2, Set.of(H1, H3));
        s = step(s, new Election.CandidacyChanged(false), 0).state();
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        s = step(s, new Election.MasterHeard(new Claim(H1, 1)), 5).state();
        assertThat(s.role()).isEqualTo(Role.SLAVE);
        Result r = step(s, new Election.CandidacyChanged(true), 10);
        assertThat(r.state().role()).isEqualTo(Role.SLAVE);
        assertThat(r.state().masterId()).isEqualTo(H1);
        assertThat(r.actions()).isEmpty();
        assertThat(r.state().selfClaim()).isEqualTo(new Claim(H3, 2, true));
    }

    @Test
    void candidacySurvivesOtherEvents() {
        State s = Election.initial(H3, 2, Set.of(H1, H3));
        s = step(s, new Election.CandidacyChanged(false), 0).state();
        s = step(s, new Election.Begin("start", Set.of()), 0).state();
        s = step(s, new Election.DatastoresChanged(3), 1).state();
        s = step(s, new Election.Tick(), T.electionClaimIntervalMs() + 1).state();
        s = step(s, new Election.DownHostsHeard(Set.of(H1)), 300).state();
        s = step(s, new Election.ResignHeard(new Claim(H1, 2)), 400).state();
        assertThat(s.selfCandidate()).isFalse();
        assertThat(s.selfClaim()).isEqualTo(new Claim(H3, 3, false));
    }

    private static Result step(State s, Election.Event e, long now) {
        return Election.step(s, e, now, T);
    }
}
