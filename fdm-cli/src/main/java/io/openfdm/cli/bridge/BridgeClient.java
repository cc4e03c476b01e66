package io.openfdm.cli.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.openfdm.bridge.api.ClusterStatus;
import io.openfdm.bridge.api.ClusterSummary;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.cli.CliException;
import io.openfdm.cli.ExitCodes;
import io.openfdm.datastore.json.FdmJson;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The CLI's side of the bridge's JSON API ({@code io.openfdm.bridge.web.ClusterApi}), over
 * {@link HttpClient}. State-changing calls carry {@code X-FDM-Request: 1}, which the bridge requires.
 *
 * <p>Failures become {@link CliException}s: the bridge refusing the input (400 invalid, 404 no such
 * cluster) exits {@link ExitCodes#USAGE} with the bridge's message; the bridge not answering,
 * vCenter unreachable (503) or any other failure exits {@link ExitCodes#ERROR}.
 */
public final class BridgeClient {
    /** Longest wait for a TCP connection to the bridge, in milliseconds. */
    static final long CONNECT_TIMEOUT_MS = 3_000;
    /** Longest wait for one answer, in milliseconds (enable/disable run a vCenter task and a push). */
    static final long REQUEST_TIMEOUT_MS = 30_000;

    private final URI base;
    /** {@code base} as users write it, without the trailing slash of an empty path. */
    private final String shown;
    private final HttpClient http;

    /**
     * @param base the bridge's URL, e.g. {@code http://127.0.0.1:8480}, checked by {@link BridgeOptions};
     *             a path ({@code http://proxy/fdm}) is kept as the API's prefix
     */
    public BridgeClient(URI base) {
        String path = base.getPath() == null || base.getPath().isEmpty() ? "/" : base.getPath();
        base = base.resolve(path.endsWith("/") ? path : path + "/");
        this.base = base;
        String text = base.toString();
        this.shown = base.getPath().equals("/") ? text.substring(0, text.length() - 1) : text;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MS)).build();
    }

    /** The bridge's base URL as given, e.g. {@code http://127.0.0.1:8480}. */
    public String base() {
        return shown;
    }

    /** {@code GET /api/clusters}. */
    public List<ClusterSummary> clusters() {
        JavaType listType = FdmJson.mapper().getTypeFactory().constructCollectionType(List.class, ClusterSummary.class);
        return read(send("GET", "/api/clusters"), listType);
    }

    /** {@code GET /api/clusters/{moid}/status}. */
    public ClusterStatus status(String clusterMoid) {
        return read(send("GET", clusterPath(clusterMoid, "status")),
                FdmJson.mapper().constructType(ClusterStatus.class));
    }

    /** {@code POST /api/clusters/{moid}/enable-ha}. */
    public ClusterSummary enableHa(String clusterMoid) {
        return read(send("POST", clusterPath(clusterMoid, "enable-ha")), FdmJson.mapper().constructType(ClusterSummary.class));
    }

    /** {@code POST /api/clusters/{moid}/disable-ha}. */
    public ClusterSummary disableHa(String clusterMoid) {
        return read(send("POST", clusterPath(clusterMoid, "disable-ha")), FdmJson.mapper().constructType(ClusterSummary.class));
    }

    /** {@code PUT /api/clusters/{moid}/settings}: the stored settings after the change. */
    public HaSettings updateSettings(String clusterMoid, HaSettings settings) {
        String body;
        try {
            body = FdmJson.mapper().writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return read(send("PUT", clusterPath(clusterMoid, "settings"), body), FdmJson.mapper().constructType(HaSettings.class));
    }

    /** {@code PUT /api/clusters/{moid}/vms/{vm}/restart-priority} with {@code {"priority": ...}}. */
    public void setRestartPriority(String clusterMoid, String vmMoid, String priority) {
        String body = FdmJson.mapper().createObjectNode().put("priority", priority).toString();
        send("PUT", clusterPath(clusterMoid, "vms/" + URLEncoder.encode(vmMoid, StandardCharsets.UTF_8) + "/restart-priority"), body);
    }

    private static String clusterPath(String moid, String action) {
        return "/api/clusters/" + URLEncoder.encode(moid, StandardCharsets.UTF_8).replace("+", "%20") + "/" + action;
    }

    private HttpResponse<String> send(String method, String path) {
        return send(method, path, null);
    }

    /** Sends a request; {@code jsonBody} null for none. */
    private HttpResponse<String> send(String method, String path, String jsonBody) {
        URI uri = base.resolve(path.substring(1));   // relative: keeps a path prefix in --bridge
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis(REQUEST_TIMEOUT_MS))
                .header("Accept", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        if (!method.equals("GET")) {
            b.header("X-FDM-Request", "1");
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw CliException.failed("bridge at " + shown + " did not answer " + method + " " + path + " within "
                    + REQUEST_TIMEOUT_MS + " ms");
        } catch (IOException e) {
            throw CliException.failed("bridge at " + shown + " not answering (" + describe(e)
                    + "); is `fdm bridge` running there? (--bridge URL)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
        if (r.statusCode() / 100 != 2) {
            String apiError = apiError(r);
            // The API's own 400/404 means the user's input (a MOID) is wrong; a 404 without the API's
            // error body means --bridge points at something else.
            int exit = apiError != null && (r.statusCode() == 400 || r.statusCode() == 404) ? ExitCodes.USAGE : ExitCodes.ERROR;
            String prefix = r.statusCode() == 503 ? "bridge: " : "bridge refused " + method + " " + uri.getRawPath()
                    + " (" + r.statusCode() + "): ";
            throw new CliException(exit, prefix + (apiError != null ? apiError : firstLine(r)));
        }
        return r;
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The {@code error} of the API's error body, or null when the body is not one. */
    private static String apiError(HttpResponse<String> r) {
        try {
            JsonNode n = FdmJson.mapper().readTree(r.body());
            if (n != null && n.hasNonNull("error")) {
                return n.get("error").asText();
            }
        } catch (JsonProcessingException e) {
            // not JSON: not the bridge's API
        }
        return null;
    }

    private static String firstLine(HttpResponse<String> r) {
        String body = r.body().strip();
        return body.isEmpty() ? "HTTP " + r.statusCode() : body.lines().findFirst().orElse(body);
    }

    private <T> T read(HttpResponse<String> r, JavaType type) {
        try {
            return FdmJson.mapper().readValue(r.body(), type);
        } catch (JsonProcessingException e) {
            throw CliException.failed("unexpected answer from " + r.uri() + " (is --bridge " + shown
                    + " a bridge?): " + e.getOriginalMessage());
        }
    }
}
