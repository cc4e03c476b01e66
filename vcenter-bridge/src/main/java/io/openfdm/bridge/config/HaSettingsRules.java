package io.openfdm.bridge.config;

import io.openfdm.bridge.api.BridgeException;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.Timing;
import io.openfdm.core.model.RestartPriority;

import java.util.List;
import java.util.Locale;

/** Checks {@link HaSettings} and maps them to the agents' terms. */
public final class HaSettingsRules {
    /** {@code ClusterDasVmSettingsIsolationResponse} values the bridge accepts. */
    public static final List<String> ISOLATION_RESPONSES = IsolationResponse.wireNames();
    public static final List<String> TIMING_PROFILES = List.of("default", "aggressive");

    private HaSettingsRules() {
    }

    /**
     * @return the settings, unchanged
     * @throws BridgeException {@code INVALID} naming the first bad field ({@code settings.isolationResponse})
     *                         and what it must be
     */
    public static HaSettings validate(HaSettings s) {
        if (s == null) {
            throw invalid("settings", "are required");
        }
        if (s.defaultRestartPriority() == null || priority(s.defaultRestartPriority()) == null) {
            throw invalid("settings.defaultRestartPriority", "must be one of " + priorityNames() + ", was " + s.defaultRestartPriority());
        }
        if (!ISOLATION_RESPONSES.contains(s.isolationResponse())) {
            throw invalid("settings.isolationResponse", "must be one of " + ISOLATION_RESPONSES + ", was " + s.isolationResponse());
        }
        if (s.heartbeatDatastoresPerHost() < 1 || s.heartbeatDatastoresPerHost() > 5) {
            throw invalid("settings.heartbeatDatastoresPerHost",
                    "must be 1-5 (das.heartbeatDsPerHost), was " + s.heartbeatDatastoresPerHost());
        }
        if (!TIMING_PROFILES.contains(s.timingProfile())) {
            throw invalid("settings.timingProfile", "must be one of " + TIMING_PROFILES + ", was " + s.timingProfile());
        }
        return s;
    }

    /** A restart priority by its vSphere name ({@code high}), or null if it is not one. */
    public static RestartPriority priority(String name) {
        if (name == null) {
            return null;
        }
        try {
            return RestartPriority.parse(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The vSphere name of a priority ({@code high}). */
    public static String name(RestartPriority p) {
        return p.name().toLowerCase(Locale.ROOT);
    }

    public static List<String> priorityNames() {
        return java.util.Arrays.stream(RestartPriority.values()).map(HaSettingsRules::name).toList();
    }

    /** The agents' HA policy of validated settings. */
    static HaPolicy policy(HaSettings s) {
        return new HaPolicy(s.hostMonitoring(), IsolationResponse.of(s.isolationResponse()), s.admissionControl());
    }

    static Timing timing(HaSettings s) {
        return s.timingProfile().equals("aggressive") ? Timing.aggressive() : Timing.defaults();
    }

    private static BridgeException invalid(String field, String rule) {
        return new BridgeException(BridgeException.Kind.INVALID, field + ": " + rule);
    }
}
