package io.openfdm.core.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * A host's election claim: how many datastores it can reach, and its MOID.
 *
 * <p>Order (VMware FDM's election rule, vSphere HA Deepdive): a candidate beats a host that
 * may not become master (in maintenance or standby mode); then more accessible datastores is
 * stronger; on a tie the greater MOID compared as strings, character by character, is stronger
 * ({@code host-99} beats {@code host-100}).
 *
 * @param host       the claimant
 * @param datastores number of datastores the claimant can reach right now, >= 0
 * @param candidate  false while the claimant is in maintenance or standby mode: it never wins an
 *                   election (VMware: such hosts do not become master)
 */
public record Claim(HostId host, int datastores, boolean candidate) implements Comparable<Claim> {
    private static final Comparator<Claim> ORDER = Comparator.comparing(Claim::candidate)
            .thenComparingInt(Claim::datastores).thenComparing(Claim::host);

    /** A candidate's claim (a host in service). */
    public Claim(HostId host, int datastores) {
        this(host, datastores, true);
    }

    public Claim {
        Objects.requireNonNull(host, "host");
        if (datastores < 0) {
            throw new IllegalArgumentException("datastores must be >= 0");
        }
    }

    @Override
    public int compareTo(Claim other) {
        return ORDER.compare(this, other);
    }

    public boolean beats(Claim other) {
        return compareTo(other) > 0;
    }
}
