package io.openfdm.cli.demo.vcsim;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.openfdm.bridge.api.ClusterStatus;
import io.openfdm.bridge.api.ClusterSummary;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.cli.CliException;
import io.openfdm.datastore.json.FdmJson;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The calls the demo makes on the bridge's JSON API, as the plugin page makes them (see
 * {@code io.openfdm.bridge.web.ClusterApi}): {@code PUT /api/clusters/{moid}/settings},
 * {@code POST /api/clusters/{moid}/enable-ha}, {@code GET /api/clusters/{moid}/status}. State
 * changes carry {@code X-FDM-Request: 1}, which the bridge requires.
 */
final class BridgeApi {
    /** Longest wait for one answer, milliseconds (enable runs a vCenter read and a push). */
    static final long REQUEST_TIMEOUT_MS = 30_000;

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    BridgeApi(InetSocketAddress bridge) {
        this.base = URI.create("http://" + bridge.getAddress().getHostAddress() + ":" + bridge.getPort() + "/");
    }

    URI base() {
        return base;
    }

    HaSettings putSettings(String clusterMoid, HaSettings settings) {
        return call("PUT", "api/clusters/" + clusterMoid + "/settings", json(settings), HaSettings.class);
    }

    ClusterSummary enableHa(String clusterMoid) {
        return call("POST", "api/clusters/" + clusterMoid + "/enable-ha", null, ClusterSummary.class);
    }

    ClusterStatus status(String clusterMoid) {
        return call("GET", "api/clusters/" + clusterMoid + "/status", null, ClusterStatus.class);
    }

    private <T> T call(String method, String path, String body, Class<T> type) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMillis(REQUEST_TIMEOUT_MS))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!method.equals("GET")) {
            b.header("X-FDM-Request", "1");
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CliException.failed("the bridge at " + base + " did not answer " + method + " /" + path + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
        if (r.statusCode() != 200) {
            throw CliException.failed("the bridge answered " + method + " /" + path + " with " + r.statusCode() + ": " + r.body());
        }
        try {
            return FdmJson.mapper().readValue(r.body(), type);
        } catch (JsonProcessingException e) {
            throw CliException.failed("unexpected answer to " + method + " /" + path + ": " + e.getOriginalMessage());
        }
    }

    private static String json(Object value) {
        try {
            return FdmJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
