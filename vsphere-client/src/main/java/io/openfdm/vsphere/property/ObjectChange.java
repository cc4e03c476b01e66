package io.openfdm.vsphere.property;

import io.openfdm.vsphere.MoRef;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed on one object in one {@code WaitForUpdatesEx} answer ({@code ObjectUpdate}).
 *
 * @param ref     the object
 * @param kind    {@code ENTER}: the object is new to the filter (all its properties are in
 *                {@code set}); {@code MODIFY}: some properties changed; {@code LEAVE}: it is gone
 * @param set     property path to its new plain value (see {@link ObjectProperties})
 * @param removed property paths that were unset
 */
public record ObjectChange(MoRef ref, Kind kind, Map<String, Object> set, Set<String> removed) {
    /** vSphere's {@code ObjectUpdateKind}. */
    public enum Kind { ENTER, MODIFY, LEAVE }

    public ObjectChange {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(kind, "kind");
        set = Map.copyOf(set);
        removed = Set.copyOf(removed);
    }
}
