package io.openfdm.datastore.lease;

import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A delta lease on a shared file, as a pure state machine: no I/O, no clock. The caller reads the
 * lease file, calls {@link #observe}, performs the returned write (if any) and reports its outcome
 * with {@link #written}. {@link LeaseFile#round} does exactly that against {@code DatastoreFiles}.
 *
 * <p>The idea is sanlock's delta lease (Chockler and Malkhi's "light-weight leases"): there is no
 * compare-and-swap on a file, so a host may only take a lease it has watched go <em>unrenewed</em>,
 * measured on its own clock, and a claim is confirmed by reading it back after a settle delay.
 * VMware HA plays the same role with its lock on {@code protectedlist}: "when a master fails, its
 * lock expires" (vSphere HA Deepdive).
 *
 * <h2>Rules</h2>
 * <ul>
 * <li><b>WATCHING.</b> Track the file's value (owner, generation, renewals; or absent, or corrupt
 * with its reason); each change restarts the timer {@code lastChangeMs}. A host that wants the
 * lease claims it when (a) the file is absent and this host has never seen a lease record or
 * been told of a generation (a fresh datastore: {@code highestGeneration == 0}), or
 * (b) the record says released (owner null), or (c) the value, whatever it is (absent and corrupt
 * included), has stayed unchanged for {@code leaseTimeoutMs}. The claim names this host with
 * generation = highest generation ever seen + 1 and renewals 0.
 * <li><b>CLAIMING.</b> A claim write that took longer than {@link #ioBoundMs} counts as failed.
 * Once the claim write has succeeded and a read has <em>started</em> {@code leaseClaimSettleMs}
 * after the write completed, that read decides: our own record (us, our generation) means HELD
 * ({@link LeaseEvent.Acquired}, valid from the claim write's start), renewing in the same step if
 * a renewal is already due; anything else means another claimant wrote after us, and we go back
 * to watching. A read-back that took longer than {@link #ioBoundMs} decides nothing (we wait for a
 * prompt one). A read-back that started so late that the claim is already older than
 * {@code leaseStandDownMs} is not trusted (we would have to stand down at once) and we go back to
 * watching.
 * <li><b>HELD.</b> Checked in this order: the file shows another owner or generation, or no file
 * at all: {@link LeaseEvent.Lost}, no write. The last successful renewal is
 * {@code leaseStandDownMs} old: Lost ("stalled"), <em>no write</em>; a holder that was frozen
 * (GC, suspended VM, storage outage) must not overwrite a lease a taker may have claimed meanwhile.
 * Not wanted any more: write a release record (owner null, same generation, renewals + 1),
 * {@link LeaseEvent.Released}. Otherwise renew (renewals + 1) every {@code leaseRenewIntervalMs};
 * a failed renewal is retried at the next interval.
 * </ul>
 *
 * <h2>Choices for unreadable files</h2>
 * <ul>
 * <li><b>Inaccessible while watching</b> changes nothing: no claim, and the timer is neither reset
 * nor restarted. When the datastore comes back and shows the same value, the time it was
 * unreadable counts as time unchanged. That is safe because a value never repeats: each write by a
 * live holder raises its renewals or generation, so had the holder renewed during the gap, the
 * value would differ and the timer restart. Resetting instead would only delay takeover after
 * storage blips, and restarting on every blip could delay it forever.
 * <li><b>Corrupt while holding</b>: writes are atomic renames, so a corrupt read is damage, not a
 * competitor's half-written claim. The holder overwrites it with its next renewal (repairing the
 * file) as long as it is within stand-down. A taker sees the corrupt value and then the renewal as
 * changes, so its timer restarts.
 * <li><b>Inaccessible while holding</b>: no write; the holder keeps its lease until
 * {@code leaseStandDownMs} after its last successful renewal (when {@link #mayAct} has already
 * turned false), then reports Lost. Released while inaccessible: the holder stops at once
 * (Released) and the lease expires by timeout for the others.
 * <li><b>Absent while holding</b> (the file was deleted): Lost at once, without rewriting; a host
 * seeing a fresh datastore may claim immediately, so the old holder must not keep acting.
 * </ul>
 *
 * <h2>Safety</h2>
 * A taker claims only after watching the value unchanged for {@code leaseTimeoutMs} on its own
 * monotonic clock, from a moment at or after the holder's last write became visible. The holder
 * stops acting ({@link #mayAct} false) {@code leaseStandDownMs} after the <em>start</em> of its last
 * successful renewal, on its own clock. {@link Timing#validate} enforces leaseTimeoutMs >= 2 x
 * leaseStandDownMs, so even with clock rate differences and read latency the holder has stopped
 * long before any taker claims. The holder never writes after a stall past stand-down, so it
 * cannot clobber a taker. Two simultaneous takers both write claims; the last write wins the file,
 * and the settle delay plus read-back lets only that one hold. Generations grow strictly across
 * takeovers, so everything written under the lease carries a fencing token a reader can check.
 *
 * <p>Slow storage: the caller times every read and write from its start to its completion
 * ({@link #observe(LeaseState, LeaseObservation, boolean, long, long, Timing)},
 * {@link #written(LeaseState, boolean, long, long, Timing)}). A read slower than
 * {@link #ioBoundMs} leads to no write, a claim write slower than that is not trusted, and
 * validity counts from a write's start, so a stale read plus a claim that both count always land
 * before a rival's read-back. What remains (as with sanlock's io_timeout): a write that the
 * storage delivers much later than it acknowledged, or a renewal that takes longer than
 * {@code leaseTimeoutMs - leaseStandDownMs}, can land after a taker's claim. The fencing
 * generation is the defence for that window: a reader rejects anything stamped with a generation
 * below the highest it knows.
 */
public final class LeaseMachine {
    private LeaseMachine() {
    }

    /**
     * Feeds one observation of the lease file, read in one instant ({@code readStartedMs ==
     * nowMs}); see {@link #observe(LeaseState, LeaseObservation, boolean, long, long, Timing)}.
     */
    public static LeaseStep observe(LeaseState s, LeaseObservation obs, boolean wantLease, long nowMs, Timing t) {
        return observe(s, obs, wantLease, nowMs, nowMs, t);
    }

    /**
     * Feeds one observation of the lease file, from a read that started at {@code readStartedMs}
     * and completed at {@code nowMs} (the file was read at some instant in between). Each end is
     * used where it is the safe one: a change counts from the completion, an unchanged value
     * counts as unchanged only up to the start; a read-back must have started
     * {@code leaseClaimSettleMs} after the claim write completed; and a read that took longer than
     * {@link #ioBoundMs} leads to no write at all, neither a claim (what it saw may be stale by
     * that much) nor a renewal or release (on storage that slow the write could land after the
     * lease's validity, even after a taker's claim): the holder then stands down when its last
     * renewal is {@code leaseStandDownMs} old.
     *
     * @param s             current state
     * @param obs           what the read showed
     * @param wantLease     whether this host wants to hold the lease (a master that is not isolated)
     * @param readStartedMs this host's monotonic clock, milliseconds, read just before the read began
     * @param nowMs         this host's monotonic clock, milliseconds, taken after the read
     * @param t             timers; must satisfy {@link Timing#validate}
     * @return next state, a record to write (if any) and events
     */
    public static LeaseStep observe(LeaseState s, LeaseObservation obs, boolean wantLease, long readStartedMs,
                                    long nowMs, Timing t) {
        if (readStartedMs > nowMs) {
            throw new IllegalArgumentException("readStartedMs " + readStartedMs + " is after nowMs " + nowMs);
        }
        Draft d = new Draft(s);
        LeaseValue value = LeaseValue.of(obs);
        if (obs instanceof LeaseObservation.Present p) {
            d.highestGeneration = Math.max(d.highestGeneration, p.record().generation());
        }
        switch (s.phase()) {
            case WATCHING -> d.watching(value, wantLease, readStartedMs, nowMs, t);
            case CLAIMING -> d.claiming(value, wantLease, readStartedMs, nowMs, t);
            case HELD -> d.held(value, wantLease, nowMs - readStartedMs <= ioBoundMs(t), nowMs, t);
            default -> throw new IllegalStateException("unknown phase " + s.phase());
        }
        return new LeaseStep(d.toState(), Optional.ofNullable(d.write), d.events);
    }

    /**
     * The longest a lease read or claim write may take and still be trusted for a claim,
     * milliseconds: half of {@code leaseClaimSettleMs} (250 at the defaults). A claimant's stale
     * read (at most this old) plus its claim write (at most this long) then always lands before a
     * rival's read-back, which starts {@code leaseClaimSettleMs} after the rival's own claim
     * completed; so two claims of one generation that both count cannot both read themselves back.
     * sanlock has the same kind of bound, its {@code io_timeout}.
     */
    public static long ioBoundMs(Timing t) {
        return t.leaseClaimSettleMs() / 2;
    }

    /**
     * Reports the outcome of the write {@link #observe} asked for, done in one instant
     * ({@code writeStartedMs} is also its completion); see
     * {@link #written(LeaseState, boolean, long, long, Timing)}.
     */
    public static LeaseState written(LeaseState s, boolean ok, long writeStartedMs) {
        return apply(s, ok, writeStartedMs, writeStartedMs);
    }

    /**
     * Reports the outcome of the write {@link #observe} asked for.
     *
     * <p>Validity always counts from the <em>start</em> of a write: a renewal that completes late
     * extends the lease only to {@code writeStartedMs + leaseStandDownMs}, so a write stuck in slow
     * storage is never trusted beyond its validity. A claim write that took longer than
     * {@link #ioBoundMs} counts as failed (back to watching): it may have landed after a rival's
     * read-back.
     *
     * @param ok             true if the write completed
     * @param writeStartedMs monotonic clock, milliseconds, read just before the write began
     * @param writeDoneMs    monotonic clock, milliseconds, read when the write completed
     */
    public static LeaseState written(LeaseState s, boolean ok, long writeStartedMs, long writeDoneMs, Timing t) {
        if (writeStartedMs > writeDoneMs) {
            throw new IllegalArgumentException("writeStartedMs " + writeStartedMs + " is after writeDoneMs " + writeDoneMs);
        }
        boolean late = s.phase() == LeasePhase.CLAIMING && writeDoneMs - writeStartedMs > ioBoundMs(t);
        return apply(s, ok && !late, writeStartedMs, writeDoneMs);
    }

    private static LeaseState apply(LeaseState s, boolean ok, long writeStartedMs, long writeDoneMs) {
        Draft d = new Draft(s);
        if (s.phase() == LeasePhase.CLAIMING && !s.claimWritten()) {
            if (ok) {
                d.claimWritten = true;
                d.claimWrittenMs = writeStartedMs;
                d.claimDoneMs = writeDoneMs;
            } else {
                // The claim may or may not have landed; watching will see it if it did.
                d.phase = LeasePhase.WATCHING;
            }
        } else if (s.phase() == LeasePhase.HELD && ok) {
            d.lastRenewOkMs = Math.max(d.lastRenewOkMs, writeStartedMs);
        }
        return d.toState();
    }

    /**
     * True while this host may act on the datastore under the lease (write the protectedlist,
     * restart its VMs): it holds the lease and its last successful renewal started less than
     * {@code leaseStandDownMs} ago.
     */
    public static boolean mayAct(LeaseState s, long nowMs, Timing t) {
        return s.phase() == LeasePhase.HELD && nowMs - s.lastRenewOkMs() < t.leaseStandDownMs();
    }

    /** Mutable copy of a state while one transition is computed. */
    private static final class Draft {
        final String clusterId;
        final String datastore;
        final HostId self;
        LeasePhase phase;
        LeaseValue observed;
        long lastChangeMs;
        boolean everObserved;
        long myGeneration;
        long myRenewals;
        boolean claimWritten;
        long claimWrittenMs;
        long claimDoneMs;
        long lastRenewOkMs;
        long lastWriteMs;
        long highestGeneration;
        LeaseRecord write;
        final List<LeaseEvent> events = new ArrayList<>();

        Draft(LeaseState s) {
            clusterId = s.clusterId();
            datastore = s.datastore();
            self = s.self();
            phase = s.phase();
            observed = s.observed();
            lastChangeMs = s.lastChangeMs();
            everObserved = s.everObserved();
            myGeneration = s.myGeneration();
            myRenewals = s.myRenewals();
            claimWritten = s.claimWritten();
            claimWrittenMs = s.claimWrittenMs();
            claimDoneMs = s.claimDoneMs();
            lastRenewOkMs = s.lastRenewOkMs();
            lastWriteMs = s.lastWriteMs();
            highestGeneration = s.highestGeneration();
        }

        LeaseState toState() {
            return new LeaseState(clusterId, datastore, self, phase, observed, lastChangeMs, everObserved,
                    myGeneration, myRenewals, claimWritten, claimWrittenMs, claimDoneMs, lastRenewOkMs, lastWriteMs,
                    highestGeneration);
        }

        void watching(LeaseValue value, boolean wantLease, long readStartedMs, long nowMs, Timing t) {
            if (value == null) {
                return; // inaccessible: see the class comment
            }
            boolean firstEver = !everObserved;
            if (firstEver || !value.equals(observed)) {
                observed = value;
                lastChangeMs = nowMs;
                everObserved = true;
            }
            if (!wantLease) {
                return;
            }
            // No lease file, and this host has never seen a lease record (nor a generation in the
            // datastore's protectedlist): a fresh datastore, nobody to wait for.
            boolean freshDatastore = value.kind() == LeaseValue.Kind.ABSENT && highestGeneration == 0;
            boolean expired = readStartedMs - lastChangeMs >= t.leaseTimeoutMs();
            boolean fresh = nowMs - readStartedMs <= ioBoundMs(t);
            if (fresh && (freshDatastore || value.free() || expired)) {
                claim(nowMs);
            }
        }

        void claiming(LeaseValue value, boolean wantLease, long readStartedMs, long nowMs, Timing t) {
            if (!claimWritten || readStartedMs - claimDoneMs < t.leaseClaimSettleMs()) {
                return;
            }
            if (value != null && value.ownedBy(self, myGeneration)) {
                if (readStartedMs - claimWrittenMs >= t.leaseStandDownMs()) {
                    backToWatching(value, nowMs); // read back too late to act on it safely
                } else if (nowMs - readStartedMs > ioBoundMs(t)) {
                    return; // a slow read-back proves little: wait for a prompt one
                } else if (!wantLease) {
                    release(nowMs);
                    backToWatching(value, nowMs);
                } else {
                    phase = LeasePhase.HELD;
                    lastRenewOkMs = claimWrittenMs;
                    events.add(new LeaseEvent.Acquired(myGeneration));
                    renewIfDue(nowMs, t);
                }
            } else {
                backToWatching(value, nowMs); // another claimant wrote after us, or unreadable
            }
        }

        void held(LeaseValue value, boolean wantLease, boolean prompt, long nowMs, Timing t) {
            boolean own = value != null && value.ownedBy(self, myGeneration);
            if (value != null && !own && value.kind() != LeaseValue.Kind.CORRUPT) {
                String reason = value.kind() == LeaseValue.Kind.ABSENT
                        ? "lease file disappeared"
                        : value.owner() == null
                        ? "lease released by another writer at generation " + value.generation()
                        : "taken by " + value.owner() + " generation " + value.generation();
                events.add(new LeaseEvent.Lost(reason));
                backToWatching(value, nowMs);
                return;
            }
            long sinceRenewMs = nowMs - lastRenewOkMs;
            if (sinceRenewMs >= t.leaseStandDownMs()) {
                events.add(new LeaseEvent.Lost("stalled: last successful renewal started " + sinceRenewMs
                        + " ms ago, stand-down after " + t.leaseStandDownMs() + " ms"));
                backToWatching(value, nowMs);
                return;
            }
            if (!wantLease) {
                if (value != null && prompt) {
                    release(nowMs);
                } else {
                    events.add(new LeaseEvent.Released(myGeneration)); // cannot write: let it expire
                }
                backToWatching(value, nowMs);
                return;
            }
            if (value != null && prompt) {
                renewIfDue(nowMs, t);
            }
        }

        private void renewIfDue(long nowMs, Timing t) {
            if (nowMs - lastWriteMs >= t.leaseRenewIntervalMs()) {
                myRenewals++;
                lastWriteMs = nowMs;
                write = new LeaseRecord(clusterId, self, myGeneration, myRenewals, 0);
            }
        }

        private void claim(long nowMs) {
            myGeneration = highestGeneration + 1;
            highestGeneration = myGeneration;
            myRenewals = 0;
            phase = LeasePhase.CLAIMING;
            claimWritten = false;
            lastWriteMs = nowMs;
            write = new LeaseRecord(clusterId, self, myGeneration, 0, 0);
        }

        private void release(long nowMs) {
            myRenewals++;
            lastWriteMs = nowMs;
            write = new LeaseRecord(clusterId, null, myGeneration, myRenewals, 0);
            events.add(new LeaseEvent.Released(myGeneration));
        }

        private void backToWatching(LeaseValue value, long nowMs) {
            phase = LeasePhase.WATCHING;
            claimWritten = false;
            if (value != null) {
                observed = value;
                everObserved = true;
            }
            lastChangeMs = nowMs;
        }
    }
}
