package io.openfdm.bridge.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.datastore.json.FdmJson;

import java.util.Iterator;
import java.util.List;

/**
 * Reads the body of {@code PUT /api/clusters/{moid}/settings}: a JSON object with all six
 * {@link HaSettings} fields and no others (a replacement, not a patch), checking each field's JSON
 * type. The values' rules (which priorities, 1-5 heartbeat datastores) are the bridge's
 * ({@link io.openfdm.bridge.api.BridgeService#updateSettings}), so they are stated in one place.
 */
final class SettingsJson {
    static final List<String> FIELDS = List.of("hostMonitoring", "defaultRestartPriority", "isolationResponse",
            "admissionControl", "heartbeatDatastoresPerHost", "timingProfile");

    private SettingsJson() {
    }

    /** @throws ApiRefusal 400 naming the field that is missing, unknown or of the wrong type */
    static HaSettings parse(byte[] body) {
        JsonNode root;
        try {
            root = FdmJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiRefusal.badInput("body", "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (java.io.IOException e) {
            throw ApiRefusal.badInput("body", "unreadable (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw ApiRefusal.badInput("body", "must be a JSON object with the fields " + String.join(", ", FIELDS));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiRefusal.badInput(name, "unknown field (settings have " + String.join(", ", FIELDS) + ")");
            }
        }
        return new HaSettings(
                bool(root, "hostMonitoring"),
                text(root, "defaultRestartPriority"),
                text(root, "isolationResponse"),
                bool(root, "admissionControl"),
                integer(root, "heartbeatDatastoresPerHost"),
                text(root, "timingProfile"));
    }

    private static JsonNode field(JsonNode root, String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            throw ApiRefusal.badInput(name, "missing");
        }
        return n;
    }

    private static boolean bool(JsonNode root, String name) {
        JsonNode n = field(root, name);
        if (!n.isBoolean()) {
            throw ApiRefusal.badInput(name, "must be true or false, not " + n);
        }
        return n.booleanValue();
    }

    private static String text(JsonNode root, String name) {
        JsonNode n = field(root, name);
        if (!n.isTextual()) {
            throw ApiRefusal.badInput(name, "must be a string, not " + n);
        }
        return n.textValue();
    }

    private static int integer(JsonNode root, String name) {
        JsonNode n = field(root, name);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw ApiRefusal.badInput(name, "must be a whole number, not " + n);
        }
        return n.intValue();
    }
}
