package io.openfdm.agent.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.openfdm.agent.config.AgentConfig;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.RestartPlan;
import io.openfdm.datastore.json.FdmJson;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Calls one agent's admin endpoint ({@link AdminServer}); used by the {@code fdm} CLI. Every call
 * times out after {@link #TIMEOUT_MS}; every failure is an {@link AdminClientException} with a
 * message for a person.
 */
public final class AdminClient {
    /** Connect and request timeout, milliseconds. */
    public static final long TIMEOUT_MS = 3_000;

    private final String where;
    private final URI base;
    private final String token;
    private final HttpClient http;

    /**
     * @param address the agent's admin address and port ({@code AgentConfig.admin()})
     * @param token   the agent's token ({@link AdminToken#read})
     */
    public AdminClient(InetSocketAddress address, String token) {
        String host = address.getAddress() == null ? address.getHostString()
                : address.getAddress() instanceof Inet6Address ? "[" + address.getAddress().getHostAddress() + "]"
                : address.getAddress().getHostAddress();
        this.where = host + ":" + address.getPort();
        this.base = URI.create("http://" + where);
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(TIMEOUT_MS)).build();
    }

    /**
     * A client for the agent configured by {@code agent}, with the token from its state directory.
     *
     * @throws AdminClientException if the token file is missing or unreadable
     */
    public static AdminClient forAgent(AgentConfig agent) {
        return new AdminClient(agent.admin(), AdminToken.read(agent.stateDir()));
    }

    /** {@code GET /status}. */
    public AgentStatus status() {
        return call("GET", "/status", new TypeReference<>() { });
    }

    /** {@code GET /events?limit=N}: the newest {@code limit} (1-10000) journal events, oldest first. */
    public List<JournalEvent> events(int limit) {
        return call("GET", "/events?limit=" + limit, new TypeReference<>() { });
    }

    /**
     * {@code GET /plan?fail=...}: what the master would do if {@code failed} (host MOIDs, at least
     * one) failed now. A slave answers 409 (naming the master), an unknown host 400; both become
     * exceptions with the agent's message.
     */
    public RestartPlan plan(List<String> failed) {
        return call("GET", "/plan?fail=" + encode(String.join(",", failed)), new TypeReference<>() { });
    }

    /** Powers a VM registered on the agent's host on; returns it afterwards. 404/409 become exceptions. */
    public VmInfo powerOn(String vm) {
        return call("POST", "/vms/" + encode(vm) + "/power-on", new TypeReference<>() { });
    }

    /** Powers a VM registered on the agent's host off; returns it afterwards. */
    public VmInfo powerOff(String vm) {
        return call("POST", "/vms/" + encode(vm) + "/power-off", new TypeReference<>() { });
    }

    /** {@code GET /host/mode}: the host's maintenance or standby mode. */
    public HostModeAnswer hostMode() {
        return call("GET", "/host/mode", new TypeReference<>() { });
    }

    /**
     * {@code POST /host/{maintenance|standby}/{enter|exit}}.
     *
     * @param mode  {@code maintenance} or {@code standby}
     * @param enter true to enter, false to exit
     * @throws AdminClientException (409) when the host's current mode does not allow it
     */
    public HostModeAnswer changeHostMode(String mode, boolean enter) {
        return call("POST", "/host/" + encode(mode) + (enter ? "/enter" : "/exit"), new TypeReference<>() { });
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T call(String method, String pathAndQuery, TypeReference<T> type) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofMillis(TIMEOUT_MS))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new AdminClientException(0, "agent at " + where + " not answering (" + reason(e) + ")", e);
        } catch (HttpTimeoutException e) {
            throw new AdminClientException(0, "agent at " + where + " not answering (no reply within " + TIMEOUT_MS + " ms)", e);
        } catch (IOException e) {
            throw new AdminClientException(0, "agent at " + where + " not answering (" + reason(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminClientException(0, "interrupted while calling agent at " + where, e);
        }
        int code = response.statusCode();
        if (code == 401) {
            throw new AdminClientException(code, "token rejected by agent at " + where
                    + " (the agent writes a new token at each start; read it again from its state directory)");
        }
        if (code != 200) {
            throw new AdminClientException(code, errorText(response.body(), code));
        }
        try {
            return FdmJson.mapper().readValue(response.body(), type);
        } catch (IOException e) {
            throw new AdminClientException(code, "agent at " + where + " sent an unreadable answer: " + e.getMessage(), e);
        }
    }

    private String errorText(byte[] body, int code) {
        try {
            JsonNode error = FdmJson.mapper().readTree(body).get("error");
            if (error != null && error.isTextual()) {
                return error.asText();
            }
        } catch (IOException | RuntimeException e) {
            // not our JSON; fall through
        }
        return "agent at " + where + " answered HTTP " + code;
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
