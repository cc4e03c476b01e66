package io.openfdm.hostd.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.json.FdmJson;

import java.io.IOException;
import java.util.Arrays;

/**
 * Reads and writes {@link VmConfig} files. Plain JSON (no checksummed envelope: people write these
 * by hand). Fields:
 * <ul>
 * <li>{@code moid} (required): the VM's MOID, equal to its directory name;
 * <li>{@code name}: display name, default the MOID;
 * <li>{@code cpuMhz}, {@code memoryMb}: integers >= 0, default 0;
 * <li>{@code priority}: one of DISABLED, LOWEST, LOW, MEDIUM, HIGH, HIGHEST in any case, default
 * MEDIUM (VMware's default);
 * <li>{@code registeredHost}: a host MOID or null/missing (unregistered).
 * </ul>
 * Unknown fields are kept when the file is rewritten on registration.
 */
public final class VmConfigFormat {
    private VmConfigFormat() {
    }

    /**
     * @throws IllegalArgumentException with a message naming the offending field when the JSON is
     *                                  malformed or a field is missing or invalid
     */
    public static VmConfig parse(byte[] json) {
        ObjectNode root = object(json);
        VmId moid = VmId.of(requiredText(root, "moid"));
        String name = optionalText(root, "name");
        int cpuMhz = nonNegativeInt(root, "cpuMhz");
        int memoryMb = nonNegativeInt(root, "memoryMb");
        String priorityText = optionalText(root, "priority");
        RestartPriority priority;
        try {
            priority = priorityText == null ? RestartPriority.MEDIUM : RestartPriority.parse(priorityText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'priority' must be one of "
                    + Arrays.toString(RestartPriority.values()) + ", was \"" + priorityText + "\"");
        }
        String host = optionalText(root, "registeredHost");
        return new VmConfig(moid, name == null ? moid.moid() : name, cpuMhz, memoryMb, priority,
                host == null ? null : HostId.of(host));
    }

    /** The file content for {@code config}, pretty-printed, fields in the documented order. */
    public static byte[] toJson(VmConfig config) {
        ObjectNode root = FdmJson.mapper().createObjectNode();
        root.put("moid", config.moid().moid());
        root.put("name", config.name());
        root.put("cpuMhz", config.cpuMhz());
        root.put("memoryMb", config.memoryMb());
        root.put("priority", config.priority().name());
        if (config.registeredHost() == null) {
            root.putNull("registeredHost");
        } else {
            root.put("registeredHost", config.registeredHost().moid());
        }
        return write(root);
    }

    /**
     * {@code original} with {@code registeredHost} set to {@code host}, every other field (known or
     * not) kept as it was.
     *
     * @throws IllegalArgumentException if {@code original} is not a valid configuration
     */
    public static byte[] withRegisteredHost(byte[] original, HostId host) {
        parse(original);
        ObjectNode root = object(original);
        root.put("registeredHost", host.moid());
        return write(root);
    }

    private static ObjectNode object(byte[] json) {
        JsonNode node;
        try {
            node = FdmJson.mapper().readTree(json);
        } catch (IOException e) {
            String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("not valid JSON: " + m);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (ObjectNode) node;
    }

    private static String requiredText(ObjectNode root, String field) {
        String value = optionalText(root, field);
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return value;
    }

    private static String optionalText(ObjectNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' must be a non-blank string, was " + n);
        }
        return n.asText();
    }

    private static int nonNegativeInt(ObjectNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 0) {
            throw new IllegalArgumentException("field '" + field + "' must be an integer >= 0, was " + n);
        }
        return n.asInt();
    }

    private static byte[] write(ObjectNode root) {
        try {
            return FdmJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
