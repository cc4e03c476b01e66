package io.openfdm.bridge.dasconfig;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of one vSphere data object as {@code vsphere-client} hands it over: a map of its
 * set properties by vSphere name (see {@code io.openfdm.vsphere.soap.PlainValues}). A property of
 * the wrong type is an error naming it.
 *
 * @param path   the object's property path, for errors ({@code configurationEx.dasConfig})
 * @param values its properties
 */
record DasFields(String path, Map<String, Object> values) {
    DasFields {
        values = values == null ? Map.of() : values;
    }

    /** Whether the object has any property besides its type (vcsim reports an empty {@code dasConfig}). */
    boolean reported() {
        return values.keySet().stream().anyMatch(k -> !k.equals("_type"));
    }

    String field(String name) {
        return path + "." + name;
    }

    Optional<String> string(String name) {
        Object v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }

    Optional<Boolean> bool(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        throw new DasConfigException(field(name), "must be a boolean, was " + v);
    }

    Optional<Long> number(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n) {
            return Optional.of(n.longValue());
        }
        throw new DasConfigException(field(name), "must be a number, was " + v);
    }

    /** A nested data object; empty fields when unset. */
    @SuppressWarnings("unchecked")
    DasFields object(String name) {
        Object v = values.get(name);
        return new DasFields(field(name), v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
    }

    /** The nested data object's vSphere type ({@code ClusterFailoverHostAdmissionControlPolicy}), or "". */
    String type() {
        return string("_type").orElse("");
    }

    List<Object> list(String name) {
        return values.get(name) instanceof List<?> l ? List.copyOf(l) : List.of();
    }
}
