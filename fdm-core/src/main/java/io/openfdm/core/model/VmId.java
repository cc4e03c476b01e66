package io.openfdm.core.model;

import java.util.Objects;

/** A virtual machine's managed-object ID (MOID), for example {@code vm-17}. Ordered as strings. */
public record VmId(String moid) implements Comparable<VmId> {
    public VmId {
        Objects.requireNonNull(moid, "moid");
        if (moid.isBlank()) {
            throw new IllegalArgumentException("VM MOID must not be blank");
        }
    }

    public static VmId of(String moid) {
        return new VmId(moid);
    }

    @Override
    public int compareTo(VmId other) {
        return moid.compareTo(other.moid);
    }

    @Override
    public String toString() {
        return moid;
    }
}
