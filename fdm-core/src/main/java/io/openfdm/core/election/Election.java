package io.openfdm.core.election;

import io.openfdm.core.config.Timing;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The election state machine: {@code (state, event, now) -> (state, actions)}, with no I/O.
 *
 * <p>Algorithm (after VMware FDM's election, vSphere HA Deepdive "fundamental concepts"):
 * <ol>
 *   <li>A host in {@link Role#ELECTION} sends its {@link Claim} to every member at once and then
 *       every {@code electionClaimIntervalMs}, and answers a claim it has not heard yet.</li>
 *   <li>The election ends as soon as every reachable member has been heard from (members
 *       presumed down, such as the master whose failure started it and the members that master
 *       last reported down, are not waited for), or else
 *       after {@code electionWindowMs}. The strongest claim heard, this host's own included, wins:
 *       most accessible datastores, then greatest MOID as a string.</li>
 *   <li>The winner becomes {@link Role#MASTER}; the others become {@link Role#SLAVE} of it and
 *       expect its heartbeat within {@code masterFailureTimeoutMs}, or elect again.</li>
 *   <li>A host that hears a running master during an election joins it: a running master is not
 *       displaced by a better host that joins later. A master answers a claimant with a
 *       heartbeat at once.</li>
 *   <li>When two masters meet (a healed partition), the weaker steps down and becomes a slave of
 *       the stronger; a slave that hears a stronger master than its own moves to it.</li>
 *   <li>A slave that hears its own master calling an election (the master's agent restarted)
 *       joins a new election at once.</li>
 *   <li>A host in maintenance or standby mode is not a candidate ({@link CandidacyChanged}): its
 *       claim loses to every candidate's, and it never becomes master. A master that stops being a
 *       candidate starts an election (its agent sends {@code Resign} first). When no candidate is
 *       heard, the election does not end early; after each {@code electionWindowMs} it starts a
 *       new round, so a cluster whose hosts are all in maintenance has no master (VMware: hosts
 *       in maintenance or standby mode do not take part as master candidates).</li>
 * </ol>
 * Master heartbeats themselves are sent by the master role, which knows what to put in them.
 */
public final class Election {
    private Election() {
    }

    /** Something that happened to the election. */
    public sealed interface Event permits Begin, Tick, ClaimHeard, MasterHeard, ResignHeard, DatastoresChanged,
            DownHostsHeard, CandidacyChanged {
    }

    /** Start an election now. {@code presumedDown}: members not to wait for. */
    public record Begin(String reason, Set<HostId> presumedDown) implements Event {
        public Begin {
            presumedDown = Set.copyOf(presumedDown);
        }
    }

    /** Time passed. */
    public record Tick() implements Event {
    }

    /** An {@code ElectionClaim} arrived. */
    public record ClaimHeard(Claim claim) implements Event {
    }

    /** A {@code MasterHeartbeat} arrived from {@code claim.host()}. */
    public record MasterHeard(Claim claim) implements Event {
    }

    /** A {@code Resign} arrived from {@code claim.host()}. */
    public record ResignHeard(Claim claim) implements Event {
    }

    /**
     * The master's heartbeat named the members it considers down (not connected): an election
     * after the master's failure does not wait for them.
     */
    public record DownHostsHeard(Set<HostId> down) implements Event {
        public DownHostsHeard {
            down = Set.copyOf(down);
        }
    }

    /** This host can now reach a different number of datastores. */
    public record DatastoresChanged(int datastores) implements Event {
    }

    /**
     * This host may (true) or may not (false: maintenance or standby mode) become master. A master
     * that stops being a candidate starts an election at once; a slave keeps its master.
     */
    public record CandidacyChanged(boolean candidate) implements Event {
    }

    /** Something the caller must do. */
    public sealed interface Action permits SendClaim, AnswerAsMaster, Started, BecameMaster, BecameSlave {
    }

    /** Send this host's claim to {@code to}, or to every other member when {@code to} is null. */
    public record SendClaim(HostId to) implements Action {
    }

    /** This host is master and must send a heartbeat to {@code to} now. */
    public record AnswerAsMaster(HostId to) implements Action {
    }

    /** An election began. */
    public record Started(String reason) implements Action {
    }

    /** This host won. {@code previous}: its role before. */
    public record BecameMaster(Role previous) implements Action {
    }

    /** This host follows {@code master} now. {@code previous}: its role before. */
    public record BecameSlave(HostId master, Role previous, String why) implements Action {
    }

    /**
     * @param self              this host
     * @param selfDatastores    datastores this host can reach
     * @param members           all configured members, this host included
     * @param role              current role
     * @param startedMs         when the current election began (monotonic ms)
     * @param lastClaimSentMs   when this host last broadcast its claim
     * @param heard             claims heard in the current election, by host
     * @param presumedDown      members not waited for in the current election
     * @param master            the master's claim (this host's own when master), null while electing
     * @param lastMasterHeardMs when the master was last heard (monotonic ms)
     * @param knownDown         members the last master reported down
     * @param selfCandidate     whether this host may become master (false in maintenance or standby mode)
     */
    public record State(HostId self, int selfDatastores, Set<HostId> members, Role role, long startedMs,
                        long lastClaimSentMs, Map<HostId, Claim> heard, Set<HostId> presumedDown,
                        Claim master, long lastMasterHeardMs, Set<HostId> knownDown, boolean selfCandidate) {
        public State {
            members = Set.copyOf(members);
            heard = Map.copyOf(heard);
            presumedDown = Set.copyOf(presumedDown);
            knownDown = Set.copyOf(knownDown);
        }

        /** A candidate's state. */
        public State(HostId self, int selfDatastores, Set<HostId> members, Role role, long startedMs,
                     long lastClaimSentMs, Map<HostId, Claim> heard, Set<HostId> presumedDown,
                     Claim master, long lastMasterHeardMs, Set<HostId> knownDown) {
            this(self, selfDatastores, members, role, startedMs, lastClaimSentMs, heard, presumedDown, master,
                    lastMasterHeardMs, knownDown, true);
        }

        public State(HostId self, int selfDatastores, Set<HostId> members, Role role, long startedMs,
                     long lastClaimSentMs, Map<HostId, Claim> heard, Set<HostId> presumedDown,
                     Claim master, long lastMasterHeardMs) {
            this(self, selfDatastores, members, role, startedMs, lastClaimSentMs, heard, presumedDown, master,
                    lastMasterHeardMs, Set.of(), true);
        }

        public Claim selfClaim() {
            return new Claim(self, selfDatastores, selfCandidate);
        }

        /** The master's MOID, or null. */
        public HostId masterId() {
            return master == null ? null : master.host();
        }

        State with(Role newRole, Claim newMaster, long masterHeardMs) {
            return new State(self, selfDatastores, members, newRole, startedMs, lastClaimSentMs, heard,
                    presumedDown, newMaster, masterHeardMs, knownDown, selfCandidate);
        }
    }

    /** The new state and what to do. */
    public record Result(State state, List<Action> actions) {
    }

    /** A host that has not started electing yet; feed it {@link Begin}. */
    public static State initial(HostId self, int datastores, Set<HostId> members) {
        return new State(self, datastores, members, Role.ELECTION, Long.MIN_VALUE, Long.MIN_VALUE, Map.of(), Set.of(),
                null, Long.MIN_VALUE);
    }

    public static Result step(State s, Event event, long nowMs, Timing timing) {
        List<Action> out = new ArrayList<>();
        State next;
        if (event instanceof Begin b) {
            next = begin(s, b.reason(), b.presumedDown(), nowMs, out);
        } else if (event instanceof Tick) {
            next = tick(s, nowMs, timing, out);
        } else if (event instanceof ClaimHeard c) {
            next = claimHeard(s, c.claim(), nowMs, out);
        } else if (event instanceof MasterHeard m) {
            next = masterHeard(s, m.claim(), nowMs, out);
        } else if (event instanceof ResignHeard r) {
            next = resignHeard(s, r.claim(), nowMs, out);
        } else if (event instanceof DownHostsHeard d) {
            next = new State(s.self(), s.selfDatastores(), s.members(), s.role(), s.startedMs(), s.lastClaimSentMs(),
                    s.heard(), s.presumedDown(), s.master(), s.lastMasterHeardMs(), d.down(), s.selfCandidate());
        } else if (event instanceof CandidacyChanged c) {
            next = candidacyChanged(s, c.candidate(), nowMs, out);
        } else {
            next = datastoresChanged(s, ((DatastoresChanged) event).datastores());
        }
        return new Result(next, List.copyOf(out));
    }

    private static State begin(State s, String reason, Set<HostId> presumedDown, long now, List<Action> out) {
        Map<HostId, Claim> heard = new TreeMap<>();
        heard.put(s.self(), s.selfClaim());
        out.add(new Started(reason));
        out.add(new SendClaim(null));
        Set<HostId> down = new TreeSet<>(presumedDown);
        down.addAll(s.knownDown());
        down.remove(s.self());
        return new State(s.self(), s.selfDatastores(), s.members(), Role.ELECTION, now, now, heard, down, null,
                Long.MIN_VALUE, Set.of(), s.selfCandidate());
    }

    private static State tick(State s, long now, Timing t, List<Action> out) {
        switch (s.role()) {
            case ELECTION -> {
                if (s.startedMs() == Long.MIN_VALUE) {
                    return s;
                }
                if ((everyoneReachableHeard(s) && candidateHeard(s)) || now - s.startedMs() >= t.electionWindowMs()) {
                    return decide(s, now, out);
                }
                if (now - s.lastClaimSentMs() >= t.electionClaimIntervalMs()) {
                    out.add(new SendClaim(null));
                    return new State(s.self(), s.selfDatastores(), s.members(), s.role(), s.startedMs(), now,
                            s.heard(), s.presumedDown(), null, s.lastMasterHeardMs(), Set.of(), s.selfCandidate());
                }
                return s;
            }
            case SLAVE -> {
                if (now - s.lastMasterHeardMs() >= t.masterFailureTimeoutMs()) {
                    return begin(s, "master " + s.masterId() + " silent for " + (now - s.lastMasterHeardMs()) + " ms",
                            Set.of(s.masterId()), now, out);
                }
                return s;
            }
            default -> {
                return s;
            }
        }
    }

    private static boolean everyoneReachableHeard(State s) {
        for (HostId m : s.members()) {
            if (!s.presumedDown().contains(m) && !s.heard().containsKey(m)) {
                return false;
            }
        }
        return true;
    }

    /** Whether this host or a host heard in this election may become master. */
    private static boolean candidateHeard(State s) {
        return s.selfCandidate() || s.heard().values().stream().anyMatch(Claim::candidate);
    }

    private static State decide(State s, long now, List<Action> out) {
        Claim best = s.selfClaim();
        for (Claim c : s.heard().values()) {
            if (c.beats(best)) {
                best = c;
            }
        }
        if (!best.candidate()) {
            // Nobody heard may become master (every host in maintenance or standby): a new round.
            Map<HostId, Claim> heard = new TreeMap<>();
            heard.put(s.self(), s.selfClaim());
            out.add(new SendClaim(null));
            return new State(s.self(), s.selfDatastores(), s.members(), Role.ELECTION, now, now, heard,
                    s.presumedDown(), null, Long.MIN_VALUE, Set.of(), s.selfCandidate());
        }
        if (best.host().equals(s.self())) {
            out.add(new BecameMaster(Role.ELECTION));
            return s.with(Role.MASTER, s.selfClaim(), now);
        }
        out.add(new BecameSlave(best.host(), Role.ELECTION, "won the election"));
        // Grace: the winner is expected to send heartbeats within the master-failure timeout.
        return s.with(Role.SLAVE, best, now);
    }

    private static State claimHeard(State s, Claim claim, long now, List<Action> out) {
        HostId from = claim.host();
        if (from.equals(s.self()) || !s.members().contains(from)) {
            return s;
        }
        switch (s.role()) {
            case ELECTION -> {
                if (s.startedMs() == Long.MIN_VALUE) {
                    // Not started yet: a peer's election starts ours.
                    State started = begin(s, "heard a claim from " + from, Set.of(), now, out);
                    return recordClaim(started, claim, out);
                }
                return recordClaim(s, claim, out);
            }
            case MASTER -> {
                out.add(new AnswerAsMaster(from));
                return s;
            }
            default -> {
                if (from.equals(s.masterId())) {
                    // Our master is electing: it restarted (or resigned and lost its state).
                    State started = begin(s, "master " + from + " restarted", Set.of(), now, out);
                    return recordClaim(started, claim, out);
                }
                // A slave whose master is alive stays put; the master answers the claimant.
                return s;
            }
        }
    }

    private static State recordClaim(State s, Claim claim, List<Action> out) {
        if (!s.heard().containsKey(claim.host())) {
            out.add(new SendClaim(claim.host()));
        }
        Map<HostId, Claim> heard = new TreeMap<>(s.heard());
        heard.put(claim.host(), claim);
        return new State(s.self(), s.selfDatastores(), s.members(), s.role(), s.startedMs(), s.lastClaimSentMs(),
                heard, s.presumedDown(), null, s.lastMasterHeardMs(), Set.of(), s.selfCandidate());
    }

    private static State masterHeard(State s, Claim claim, long now, List<Action> out) {
        HostId from = claim.host();
        if (from.equals(s.self()) || !s.members().contains(from)) {
            return s;
        }
        switch (s.role()) {
            case ELECTION -> {
                out.add(new BecameSlave(from, Role.ELECTION, "joined running master"));
                return s.with(Role.SLAVE, claim, now);
            }
            case SLAVE -> {
                if (from.equals(s.masterId())) {
                    return s.with(Role.SLAVE, claim, now);
                }
                if (claim.beats(s.master())) {
                    out.add(new BecameSlave(from, Role.SLAVE, "stronger master than " + s.masterId()));
                    return s.with(Role.SLAVE, claim, now);
                }
                return s;
            }
            case MASTER -> {
                if (claim.beats(s.selfClaim())) {
                    out.add(new BecameSlave(from, Role.MASTER, "met stronger master"));
                    return s.with(Role.SLAVE, claim, now);
                }
                // The weaker master will step down when it hears us; make sure it does soon.
                out.add(new AnswerAsMaster(from));
                return s;
            }
            default -> {
                return s;
            }
        }
    }

    private static State resignHeard(State s, Claim claim, long now, List<Action> out) {
        if (s.role() == Role.SLAVE && claim.host().equals(s.masterId())) {
            return begin(s, "master " + claim.host() + " resigned", Set.of(claim.host()), now, out);
        }
        if (s.role() == Role.ELECTION && s.startedMs() != Long.MIN_VALUE) {
            Map<HostId, Claim> heard = new TreeMap<>(s.heard());
            heard.remove(claim.host());
            Set<HostId> down = new TreeSet<>(s.presumedDown());
            down.add(claim.host());
            return new State(s.self(), s.selfDatastores(), s.members(), s.role(), s.startedMs(),
                    s.lastClaimSentMs(), heard, down, null, s.lastMasterHeardMs(), Set.of(), s.selfCandidate());
        }
        return s;
    }

    private static State datastoresChanged(State s, int datastores) {
        Claim master = s.role() == Role.MASTER ? new Claim(s.self(), datastores, s.selfCandidate()) : s.master();
        Map<HostId, Claim> heard = new TreeMap<>(s.heard());
        if (heard.containsKey(s.self())) {
            heard.put(s.self(), new Claim(s.self(), datastores, s.selfCandidate()));
        }
        return new State(s.self(), datastores, s.members(), s.role(), s.startedMs(), s.lastClaimSentMs(), heard,
                s.presumedDown(), master, s.lastMasterHeardMs(), Set.of(), s.selfCandidate());
    }

    private static State candidacyChanged(State s, boolean candidate, long now, List<Action> out) {
        if (candidate == s.selfCandidate()) {
            return s;
        }
        Map<HostId, Claim> heard = new TreeMap<>(s.heard());
        if (heard.containsKey(s.self())) {
            heard.put(s.self(), new Claim(s.self(), s.selfDatastores(), candidate));
        }
        State next = new State(s.self(), s.selfDatastores(), s.members(), s.role(), s.startedMs(), s.lastClaimSentMs(),
                heard, s.presumedDown(), s.master(), s.lastMasterHeardMs(), s.knownDown(), candidate);
        if (s.role() == Role.MASTER && !candidate) {
            return begin(next, "master " + s.self() + " is no longer a candidate (maintenance or standby mode)",
                    Set.of(), now, out);
        }
        if (s.role() == Role.ELECTION && s.startedMs() != Long.MIN_VALUE) {
            out.add(new SendClaim(null)); // peers learn the new claim in this election
        }
        return next;
    }
}
