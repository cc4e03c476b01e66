package io.openfdm.vsphere.property;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to read: for each managed object type, the property paths
 * ({@code VirtualMachine -> [name, runtime.powerState, runtime.host]}). One query becomes one
 * {@code PropertyFilterSpec} with one {@code PropertySpec} per type.
 *
 * @param paths type name to property paths; an empty list reads no property (only the references)
 */
public record PropertyQuery(Map<String, List<String>> paths) {
    public PropertyQuery {
        Objects.requireNonNull(paths, "paths");
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("a property query needs at least one type");
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        paths.forEach((type, p) -> copy.put(type, List.copyOf(p)));
        paths = java.util.Collections.unmodifiableMap(copy);
    }

    public static PropertyQuery of(String type, List<String> paths) {
        return new PropertyQuery(Map.of(type, paths));
    }

    public static PropertyQuery of(String type, String... paths) {
        return of(type, List.of(paths));
    }

    /** This query plus another type. */
    public PropertyQuery and(String type, List<String> more) {
        Map<String, List<String>> next = new LinkedHashMap<>(paths);
        next.put(type, more);
        return new PropertyQuery(next);
    }

    public List<String> types() {
        return List.copyOf(paths.keySet());
    }
}
