package io.openfdm.bridge.dasconfig;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * vSphere HA's advanced options ({@code ClusterDasConfigInfo.option}, {@code OptionValue} key and
 * value). Keys are compared without case, as vSphere does ({@code das.isolationAddress0} and
 * {@code das.isolationaddress0} are one option). Values are strings.
 */
final class DasOptions {
    static final String PATH = "configurationEx.dasConfig.option";

    private final Map<String, String> byLowerKey;
    private final Map<String, String> spelling;

    private DasOptions(Map<String, String> byLowerKey, Map<String, String> spelling) {
        this.byLowerKey = byLowerKey;
        this.spelling = spelling;
    }

    /** The options of a {@code dasConfig}; entries without a key are skipped. */
    static DasOptions of(DasFields dasConfig) {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> spelling = new TreeMap<>();
        for (Object o : dasConfig.list("option")) {
            if (o instanceof Map<?, ?> m && m.get("key") != null) {
                String key = m.get("key").toString();
                String lower = key.toLowerCase(Locale.ROOT);
                values.put(lower, m.get("value") == null ? "" : m.get("value").toString().trim());
                spelling.put(lower, key);
            }
        }
        return new DasOptions(values, spelling);
    }

    static DasOptions none() {
        return new DasOptions(Map.of(), Map.of());
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(byLowerKey.get(key.toLowerCase(Locale.ROOT)));
    }

    /** Every key, lower-cased, sorted. */
    Iterable<String> keys() {
        return byLowerKey.keySet();
    }

    /** The field name of an option in errors: {@code configurationEx.dasConfig.option[das.isolationShutdownTimeout]}. */
    String field(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return PATH + "[" + spelling.getOrDefault(lower, key) + "]";
    }

    /** A whole number option, if set. */
    Optional<Long> whole(String key) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(v.get()));
        } catch (NumberFormatException e) {
            throw new DasConfigException(field(key), "must be a whole number, was \"" + v.get() + "\"");
        }
    }

    /** A {@code true}/{@code false} option (any case), if set. */
    Optional<Boolean> bool(String key) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.get().equalsIgnoreCase("true")) {
            return Optional.of(true);
        }
        if (v.get().equalsIgnoreCase("false")) {
            return Optional.of(false);
        }
        throw new DasConfigException(field(key), "must be true or false, was \"" + v.get() + "\"");
    }
}
