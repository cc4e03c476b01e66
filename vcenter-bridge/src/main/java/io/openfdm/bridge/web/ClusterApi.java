package io.openfdm.bridge.web;

import com.sun.net.httpserver.HttpExchange;
import io.openfdm.bridge.api.BridgeException;
import io.openfdm.bridge.api.BridgeService;
import io.openfdm.bridge.api.HaSettings;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bridge's JSON API, under {@code /api/}:
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><td>{@code GET /api/clusters}</td><td>200 list of {@code ClusterSummary}, sorted by name</td></tr>
 *   <tr><td>{@code POST /api/clusters/{moid}/enable-ha}</td><td>200 the {@code ClusterSummary} after it</td></tr>
 *   <tr><td>{@code POST /api/clusters/{moid}/disable-ha}</td><td>200 the {@code ClusterSummary} after it</td></tr>
 *   <tr><td>{@code GET /api/clusters/{moid}/status}</td><td>200 {@code ClusterStatus}</td></tr>
 *   <tr><td>{@code GET /api/clusters/{moid}/settings}</td><td>200 {@code HaSettings}</td></tr>
 *   <tr><td>{@code PUT /api/clusters/{moid}/vms/{vm}/restart-priority}</td><td>body
 *       {@code {"priority": "high"}}; 200 {@code {cluster, vm, priority}} once vCenter holds it and
 *       the new configuration was pushed</td></tr>
 *   <tr><td>{@code PUT /api/clusters/{moid}/settings}</td><td>body: all six {@code HaSettings} fields
 *       ({@code Content-Type: application/json}, at most {@value #MAX_BODY_BYTES} bytes); 200 the
 *       settings as stored</td></tr>
 * </table>
 * Errors are {@code {"error": "..."}}: 400 malformed input, naming the field (or a
 * {@code BridgeException} of kind {@code INVALID}); 403 refused by the {@link RequestGuard}; 404 no
 * such endpoint or cluster ({@code NOT_FOUND}); 405 wrong method (with {@code Allow}); 413 body too
 * large; 415 body not JSON; 503 vCenter not reachable ({@code UNAVAILABLE}); 500 a bug in the
 * bridge.
 */
final class ClusterApi {
    /** Largest settings body accepted, in bytes; the six fields take about 200. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Pattern CLUSTERS = Pattern.compile("/api/clusters/?");
    private static final Pattern CLUSTER_ACTION = Pattern.compile("/api/clusters/([^/]*)/([a-z-]+)/?");
    /** vSphere MOIDs: {@code domain-c7}, {@code host-21}, {@code vm-42}, {@code group-d1}. */
    private static final Pattern VM_PRIORITY = Pattern.compile("/api/clusters/([^/]*)/vms/([^/]*)/restart-priority/?");
    private static final Pattern MOID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final BridgeService service;

    ClusterApi(BridgeService service) {
        this.service = service;
    }

    /** Answers one request whose raw path starts with {@code /api}. */
    void handle(HttpExchange ex, String path) throws IOException {
        try {
            Object body = route(ex, path);
            JsonReply.send(ex, 200, body);
        } catch (ApiRefusal r) {
            if (r.allow() != null) {
                ex.getResponseHeaders().set("Allow", r.allow());
            }
            JsonReply.error(ex, r.status(), r.getMessage());
        } catch (BridgeException e) {
            JsonReply.error(ex, status(e.kind()), e.getMessage());
        }
    }

    /** The HTTP status of a {@link BridgeException} kind. */
    static int status(BridgeException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case INVALID -> 400;
            case UNAVAILABLE -> 503;
        };
    }

    private Object route(HttpExchange ex, String path) throws IOException {
        String method = ex.getRequestMethod();
        if (CLUSTERS.matcher(path).matches()) {
            require(method, path, "GET");
            return service.clusters();
        }
        Matcher vm = VM_PRIORITY.matcher(path);
        if (vm.matches()) {
            require(method, path, "PUT");
            for (int g = 1; g <= 2; g++) {
                if (!MOID.matcher(vm.group(g)).matches()) {
                    throw ApiRefusal.badInput(g == 1 ? "moid" : "vm", "'" + vm.group(g) + "' is not a managed object id");
                }
            }
            String priority = readPriority(ex);
            service.setRestartPriority(vm.group(1), vm.group(2), priority);
            return java.util.Map.of("cluster", vm.group(1), "vm", vm.group(2), "priority", priority);
        }
        Matcher m = CLUSTER_ACTION.matcher(path);
        if (!m.matches()) {
            throw new ApiRefusal(404, "no endpoint " + path + " (see GET /api/clusters)");
        }
        String moid = m.group(1);
        String action = m.group(2);
        if (!MOID.matcher(moid).matches()) {
            throw ApiRefusal.badInput("moid", "'" + moid + "' is not a managed object id (e.g. domain-c7)");
        }
        switch (action) {
            case "enable-ha" -> {
                require(method, path, "POST");
                return service.enableHa(moid);
            }
            case "disable-ha" -> {
                require(method, path, "POST");
                return service.disableHa(moid);
            }
            case "status" -> {
                require(method, path, "GET");
                return service.status(moid);
            }
            case "settings" -> {
                if (method.equals("PUT")) {
                    return service.updateSettings(moid, readSettings(ex));
                }
                require(method, path, "GET, PUT");
                return service.settings(moid);
            }
            default -> throw new ApiRefusal(404, "no endpoint " + path
                    + " (a cluster has enable-ha, disable-ha, status and settings)");
        }
    }

    private static void require(String method, String path, String allowed) {
        if (!allowed.equals(method) && !allowed.startsWith(method + ",")) {
            throw ApiRefusal.wrongMethod(path, method, allowed);
        }
    }

    /** The {@code priority} string of a {@code {"priority": "high"}} body. */
    private static String readPriority(HttpExchange ex) throws IOException {
        com.fasterxml.jackson.databind.JsonNode n;
        try {
            n = io.openfdm.datastore.json.FdmJson.mapper().readTree(readJsonBody(ex));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiRefusal.badInput("body", "not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject() || !n.path("priority").isTextual()) {
            throw ApiRefusal.badInput("priority", "must be a string such as \"high\" in {\"priority\": ...}");
        }
        return n.get("priority").asText();
    }

    private static HaSettings readSettings(HttpExchange ex) throws IOException {
        return SettingsJson.parse(readJsonBody(ex));
    }

    private static byte[] readJsonBody(HttpExchange ex) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiRefusal(415, "Content-Type: must be application/json, not " + type);
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiRefusal(413, "body: larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }
}
