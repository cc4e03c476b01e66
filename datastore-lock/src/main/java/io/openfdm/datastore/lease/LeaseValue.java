package io.openfdm.datastore.lease;

import io.openfdm.core.model.HostId;

import java.util.Objects;

/**
 * The part of an observed lease file that matters for change detection: a live holder's every
 * write changes it (owner, generation or renewals), while the informational {@code wallMs} is
 * left out.
 *
 * @param kind          whether a record was present, the file absent, or corrupt
 * @param owner         the record's owner (null if released, or if not present)
 * @param generation    the record's generation (0 if not present)
 * @param renewals      the record's renewals (0 if not present)
 * @param corruptReason why the file was corrupt (null unless corrupt)
 */
public record LeaseValue(Kind kind, HostId owner, long generation, long renewals, String corruptReason) {
    /** What the read found. */
    public enum Kind { PRESENT, ABSENT, CORRUPT }

    public LeaseValue {
        Objects.requireNonNull(kind, "kind");
    }

    /** The value seen in an observation, or null for {@link LeaseObservation.Inaccessible} (nothing seen). */
    public static LeaseValue of(LeaseObservation obs) {
        if (obs instanceof LeaseObservation.Present p) {
            LeaseRecord r = p.record();
            return new LeaseValue(Kind.PRESENT, r.owner(), r.generation(), r.renewals(), null);
        }
        if (obs instanceof LeaseObservation.Absent) {
            return new LeaseValue(Kind.ABSENT, null, 0, 0, null);
        }
        if (obs instanceof LeaseObservation.Corrupt c) {
            return new LeaseValue(Kind.CORRUPT, null, 0, 0, c.reason());
        }
        return null;
    }

    /** True for a present record owned by {@code host} at {@code gen}. */
    public boolean ownedBy(HostId host, long gen) {
        return kind == Kind.PRESENT && host.equals(owner) && generation == gen;
    }

    /** True for a present record whose holder released it. */
    public boolean free() {
        return kind == Kind.PRESENT && owner == null;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ABSENT -> "absent";
            case CORRUPT -> "corrupt (" + corruptReason + ")";
            case PRESENT -> (owner == null ? "released" : "owner " + owner) + " generation " + generation
                    + " renewals " + renewals;
        };
    }
}
