package io.openfdm.core.model;

import java.util.Objects;

/**
 * A host's managed-object ID (MOID) as vCenter names it, for example {@code host-42}.
 *
 * <p>Ordering is plain string order, character by character, exactly as VMware's FDM breaks an
 * election tie ("the host with the highest MOID", compared lexically, so {@code host-99} sorts
 * above {@code host-100}; source: vSphere HA Deepdive, fundamental concepts).
 */
public record HostId(String moid) implements Comparable<HostId> {
    public HostId {
        Objects.requireNonNull(moid, "moid");
        if (moid.isBlank()) {
            throw new IllegalArgumentException("host MOID must not be blank");
        }
    }

    public static HostId of(String moid) {
        return new HostId(moid);
    }

    @Override
    public int compareTo(HostId other) {
        return moid.compareTo(other.moid);
    }

    @Override
    public String toString() {
        return moid;
    }
}
