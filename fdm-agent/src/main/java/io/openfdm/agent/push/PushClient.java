package io.openfdm.agent.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.env.Clock;
import io.openfdm.datastore.json.FdmJson;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Calls one agent's push endpoint ({@link PushServer}) with requests signed under the cluster key,
 * and checks that each answer is signed with the same key for the same request. Thread-safe.
 */
public final class PushClient {
    /** Default connect and request timeout, milliseconds. */
    public static final long DEFAULT_TIMEOUT_MS = 3_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String where;
    private final URI base;
    private final byte[] key;
    private final Clock clock;
    private final long timeoutMs;
    private final HttpClient http;

    /**
     * @param agent     the agent's address and TCP port (its host's entry in the cluster configuration)
     * @param key       the cluster key in force on the agent
     * @param timeoutMs connect and request timeout, milliseconds
     */
    public PushClient(InetSocketAddress agent, byte[] key, Clock clock, long timeoutMs) {
        String host = agent.getAddress() == null ? agent.getHostString()
                : agent.getAddress() instanceof Inet6Address ? "[" + agent.getAddress().getHostAddress() + "]"
                : agent.getAddress().getHostAddress();
        this.where = host + ":" + agent.getPort();
        this.base = URI.create("http://" + where);
        this.key = key.clone();
        this.clock = clock;
        this.timeoutMs = timeoutMs;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(timeoutMs)).build();
    }

    /** "127.0.0.11:8182". */
    public String where() {
        return where;
    }

    /**
     * {@code PUT /cluster-config}.
     *
     * @return the version the agent now has in force
     * @throws PushException refused (400 invalid, 409 not newer with {@code currentVersion}, 401 key
     *                       not accepted) or not answered
     */
    public long putConfig(ClusterConfig config) {
        JsonNode answer = call("PUT", PushServer.CONFIG_PATH, "", ClusterConfigFiles.toJson(config));
        return answer.path("version").asLong(-1);
    }

    /** {@code GET /agent-status?events=N}. @throws PushException as {@link #putConfig} */
    public AgentReport status(int events) {
        JsonNode answer = call("GET", PushServer.STATUS_PATH, "?events=" + events, new byte[0]);
        try {
            return FdmJson.mapper().treeToValue(answer, AgentReport.class);
        } catch (IOException e) {
            throw new PushException(200, -1, "agent at " + where + " sent an unreadable status: " + e.getMessage(), e);
        }
    }

    private JsonNode call(String method, String path, String query, byte[] body) {
        long ts = clock.wallMs();
        byte[] nonceBytes = new byte[PushSignature.NONCE_BYTES];
        RANDOM.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path + query))
                .timeout(Duration.ofMillis(timeoutMs))
                .header("Content-Type", "application/json")
                .header(PushSignature.TIMESTAMP_HEADER, Long.toString(ts))
                .header(PushSignature.NONCE_HEADER, nonce)
                .header(PushSignature.SIGNATURE_HEADER, PushSignature.request(key, method, path, ts, nonce, body))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PushException(0, -1, "agent at " + where + " not answering (" + reason(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushException(0, -1, "interrupted while calling agent at " + where, e);
        }
        int code = response.statusCode();
        if (code == 401) {
            throw new PushException(code, -1, "agent at " + where + " refused the request's signature ("
                    + errorText(response.body()) + "): it does not have this cluster key, or the clocks differ by more"
                    + " than the freshness window", null);
        }
        String signature = response.headers().firstValue(PushSignature.SIGNATURE_HEADER).orElse(null);
        if (!PushSignature.matches(PushSignature.response(key, code, nonce, response.body()), signature)) {
            throw new PushException(0, -1, "answer from " + where + " (HTTP " + code
                    + ") is not signed with the cluster key; ignoring it", null);
        }
        JsonNode json;
        try {
            json = FdmJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new PushException(code, -1, "agent at " + where + " sent unreadable JSON: " + e.getMessage(), e);
        }
        if (code != 200) {
            throw new PushException(code, json.path("currentVersion").asLong(-1),
                    "agent at " + where + ": " + json.path("error").asText("HTTP " + code), null);
        }
        return json;
    }

    private static String errorText(byte[] body) {
        try {
            return FdmJson.mapper().readTree(body).path("error").asText("no reason given");
        } catch (IOException | RuntimeException e) {
            return "no reason given";
        }
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
