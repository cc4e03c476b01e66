package io.openfdm.vsphere.property;

import io.openfdm.vsphere.MoRef;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The properties read of one managed object ({@code ObjectContent} of the PropertyCollector), as
 * plain values: strings, numbers, booleans, {@link MoRef}s, {@link Instant}s, lists, and data
 * objects as maps with a {@code "_type"} key (see {@code io.openfdm.vsphere.soap.PlainValues}).
 *
 * @param ref     the object
 * @param values  property path ({@code "runtime.powerState"}) to value; a property that is unset
 *                on the server is absent
 * @param missing property path to the fault name of properties the server could not read
 *                ({@code missingSet}, e.g. {@code NotAuthenticated} or {@code ManagedObjectNotFound})
 */
public record ObjectProperties(MoRef ref, Map<String, Object> values, Map<String, String> missing) {
    public ObjectProperties {
        Objects.requireNonNull(ref, "ref");
        values = Map.copyOf(values);
        missing = Map.copyOf(missing);
    }

    public Optional<Object> get(String path) {
        return Optional.ofNullable(values.get(path));
    }

    /** A string property ({@code name}, enums such as {@code runtime.powerState}); empty if unset. */
    public Optional<String> string(String path) {
        Object v = values.get(path);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }

    /** A reference property ({@code runtime.host}); empty if unset. */
    public Optional<MoRef> moRef(String path) {
        return values.get(path) instanceof MoRef m ? Optional.of(m) : Optional.empty();
    }

    /** A numeric property ({@code config.cpuAllocation.reservation}); {@code otherwise} if unset. */
    public long number(String path, long otherwise) {
        return values.get(path) instanceof Number n ? n.longValue() : otherwise;
    }

    public boolean bool(String path, boolean otherwise) {
        return values.get(path) instanceof Boolean b ? b : otherwise;
    }

    /** A list property ({@code datastore}, {@code host}); empty if unset. */
    @SuppressWarnings("unchecked")
    public List<Object> list(String path) {
        return values.get(path) instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** A list of references ({@code vm}, {@code host}, {@code datastore}); non-references are skipped. */
    public List<MoRef> moRefs(String path) {
        return list(path).stream().filter(MoRef.class::isInstance).map(MoRef.class::cast).toList();
    }

    /** A data object property as a map; empty if unset or not a data object. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> data(String path) {
        return values.get(path) instanceof Map<?, ?> m ? Optional.of((Map<String, Object>) m) : Optional.empty();
    }
}
