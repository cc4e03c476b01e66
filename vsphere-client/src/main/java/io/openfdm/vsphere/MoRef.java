package io.openfdm.vsphere;

import java.util.Objects;

/**
 * A managed object reference: the object's type ({@code VirtualMachine}, {@code HostSystem},
 * {@code Datastore}, {@code Task}, ...) and its MOID ({@code vm-42}; on vcsim a datastore's MOID is
 * a path-like string and an ESXi endpoint's host is {@code ha-host}).
 */
public record MoRef(String type, String value) {
    public MoRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (type.isBlank() || value.isBlank()) {
            throw new IllegalArgumentException("managed object reference needs a type and a value, was " + type + ":" + value);
        }
    }

    public static MoRef vm(String moid) {
        return new MoRef("VirtualMachine", moid);
    }

    public static MoRef host(String moid) {
        return new MoRef("HostSystem", moid);
    }

    @Override
    public String toString() {
        return type + ":" + value;
    }
}
