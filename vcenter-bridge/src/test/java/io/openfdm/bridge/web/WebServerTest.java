package io.openfdm.bridge.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.openfdm.bridge.api.ClusterStatus;
import io.openfdm.bridge.api.ClusterSummary;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.datastore.json.FdmJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebServerTest {
    static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.4.1", 0);

    private final InMemoryBridgeService service = InMemoryBridgeService.sample();
    private WebServer web;
    private HttpTestClient client;

    @BeforeEach
    void start() {
        web = new WebServer(service, LOOPBACK);
        web.start();
        client = new HttpTestClient(web.address());
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private static void assertError(HttpResponse<String> r, int status, String messagePart) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(HttpTestClient.json(r).path("error").asText()).contains(messagePart);
    }

    @Test
    void boundAddressHasTheRealPort() {
        assertThat(web.address().getAddress().getHostAddress()).isEqualTo("127.0.4.1");
        assertThat(web.address().getPort()).isPositive();
    }

    @Test
    void clustersAreListedByName() throws Exception {
        HttpResponse<String> r = client.get("/api/clusters");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        ClusterSummary[] list = FdmJson.mapper().readValue(r.body(), ClusterSummary[].class);
        assertThat(list).containsExactly(
                new ClusterSummary("domain-c9", "Lab", 0, 0, false, "", 0),
                new ClusterSummary("domain-c7", "Production", 3, 6, false, "", 0));
    }

    @Test
    void enableHaReturnsTheSummaryAndIsIdempotent() throws Exception {
        HttpResponse<String> r = client.post("/api/clusters/domain-c7/enable-ha");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        ClusterSummary s = FdmJson.mapper().readValue(r.body(), ClusterSummary.class);
        assertThat(s).isEqualTo(new ClusterSummary("domain-c7", "Production", 3, 6, true, "fdm-domain-c7", 1));
        ClusterSummary again = FdmJson.mapper().readValue(client.post("/api/clusters/domain-c7/enable-ha").body(), ClusterSummary.class);
        assertThat(again).isEqualTo(s);

        ClusterSummary off = FdmJson.mapper().readValue(client.post("/api/clusters/domain-c7/disable-ha").body(), ClusterSummary.class);
        assertThat(off.haEnabled()).isFalse();
        assertThat(off.configVersion()).isEqualTo(2);
        assertThat(off.clusterId()).as("kept for a later enable").isEqualTo("fdm-domain-c7");
    }

    @Test
    void statusRoundTripsAsTheApiRecord() throws Exception {
        client.post("/api/clusters/domain-c7/enable-ha");
        HttpResponse<String> r = client.get("/api/clusters/domain-c7/status");
        assertThat(r.statusCode()).isEqualTo(200);
        ClusterStatus status = FdmJson.mapper().readValue(r.body(), ClusterStatus.class);
        ClusterStatus expected = service.status("domain-c7");
        assertThat(status).usingRecursiveComparison().ignoringFields("asOfMs").isEqualTo(expected);
        assertThat(status.master()).isEqualTo("host-11");
        assertThat(status.hosts()).extracting(ClusterStatus.HostRow::state)
                .containsExactly("master", "connectedToMaster", "connectedToMaster");
        JsonNode json = HttpTestClient.json(r);
        assertThat(json.path("vms").get(0).path("protectedByHa").asBoolean()).isTrue();
        assertThat(json.path("vcenterConnected").asBoolean()).isTrue();
    }

    @Test
    void restartPriorityIsSetPerVm() throws Exception {
        client.post("/api/clusters/domain-c7/enable-ha");
        String vm = service.status("domain-c7").vms().get(0).moid();
        HttpResponse<String> r = client.putJson("/api/clusters/domain-c7/vms/" + vm + "/restart-priority", "{\"priority\": \"highest\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(HttpTestClient.json(r).path("priority").asText()).isEqualTo("highest");
        assertThat(service.status("domain-c7").vms().get(0).priority()).isEqualTo("highest");
        assertThat(service.status("domain-c7").cluster().configVersion()).isEqualTo(2);
        assertError(client.putJson("/api/clusters/domain-c7/vms/" + vm + "/restart-priority", "{\"priority\": \"urgent\"}"),
                400, "priority: must be one of");
        assertError(client.putJson("/api/clusters/domain-c7/vms/" + vm + "/restart-priority", "{\"level\": 3}"),
                400, "priority: must be a string");
        assertError(client.putJson("/api/clusters/domain-c7/vms/vm-404/restart-priority", "{\"priority\": \"high\"}"),
                404, "no VM vm-404");
        assertThat(client.post("/api/clusters/domain-c7/vms/" + vm + "/restart-priority").statusCode()).isEqualTo(405);
    }

    @Test
    void bridgeExceptionKindsMapToStatuses() {
        assertError(client.get("/api/clusters/domain-c404/status"), 404, "no cluster domain-c404");
        assertError(client.post("/api/clusters/domain-c404/enable-ha"), 404, "no cluster domain-c404");
        assertError(client.post("/api/clusters/domain-c9/enable-ha"), 400, "has no hosts");
        service.setVcenterConnected(false);
        assertError(client.post("/api/clusters/domain-c7/enable-ha"), 503, "vCenter is not reachable");
        assertThat(service.status("domain-c7").cluster().haEnabled()).isFalse();
    }

    @Test
    void unexpectedFailureIs500AndTheServerKeepsServing() {
        service.failEveryCallWith(new IllegalStateException("bridge bug"));
        assertError(client.get("/api/clusters"), 500, "bridge bug");
        service.failEveryCallWith(null);
        assertThat(client.get("/api/clusters").statusCode()).isEqualTo(200);
    }

    @Test
    void wrongMethodIs405WithAllow() {
        HttpResponse<String> r = client.post("/api/clusters");
        assertError(r, 405, "POST not allowed on /api/clusters");
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
        HttpResponse<String> get = client.get("/api/clusters/domain-c7/enable-ha");
        assertError(get, 405, "allowed: POST");
        assertThat(client.send("DELETE", "/api/clusters/domain-c7/settings", null, "X-FDM-Request", "1")
                .headers().firstValue("Allow")).hasValue("GET, PUT");
        assertThat(service.status("domain-c7").cluster().haEnabled()).as("GET did not enable").isFalse();
    }

    @Test
    void unknownEndpointsAndBadMoidsAreRefused() {
        assertError(client.get("/api/nothing"), 404, "no endpoint /api/nothing");
        assertError(client.get("/api/clusters/domain-c7/reboot"), 404, "enable-ha, disable-ha, status and settings");
        assertError(client.get("/api/clusters/a%20b/status"), 400, "moid: 'a%20b' is not a managed object id");
        assertError(client.get("/api/clusters/%2E%2E/status"), 400, "moid:");
    }

    @Test
    void settingsReadAndReplace() throws Exception {
        HttpResponse<String> r = client.get("/api/clusters/domain-c7/settings");
        assertThat(FdmJson.mapper().readValue(r.body(), HaSettings.class)).isEqualTo(HaSettings.defaults());
        HaSettings changed = new HaSettings(false, "high", "powerOff", false, 3, "aggressive");
        HttpResponse<String> put = client.putJson("/api/clusters/domain-c7/settings", FdmJson.mapper().writeValueAsString(changed));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(FdmJson.mapper().readValue(put.body(), HaSettings.class)).isEqualTo(changed);
        assertThat(service.settings("domain-c7")).isEqualTo(changed);
    }

    @Test
    void malformedSettingsNameTheField() {
        String path = "/api/clusters/domain-c7/settings";
        String good = "\"hostMonitoring\":true,\"defaultRestartPriority\":\"medium\",\"isolationResponse\":\"none\","
                + "\"admissionControl\":true,\"timingProfile\":\"default\"";
        assertError(client.putJson(path, "{" + good + "}"), 400, "heartbeatDatastoresPerHost: missing");
        assertError(client.putJson(path, "{" + good + ",\"heartbeatDatastoresPerHost\":\"two\"}"), 400,
                "heartbeatDatastoresPerHost: must be a whole number, not \"two\"");
        assertError(client.putJson(path, "{" + good + ",\"heartbeatDatastoresPerHost\":2.5}"), 400,
                "heartbeatDatastoresPerHost: must be a whole number");
        assertError(client.putJson(path, "{" + good.replace("\"hostMonitoring\":true", "\"hostMonitoring\":\"yes\"")
                + ",\"heartbeatDatastoresPerHost\":2}"), 400, "hostMonitoring: must be true or false");
        assertError(client.putJson(path, "{" + good + ",\"heartbeatDatastoresPerHost\":2,\"hostMonitor\":true}"), 400,
                "hostMonitor: unknown field");
        assertError(client.putJson(path, "{" + good), 400, "body: not valid JSON");
        assertError(client.putJson(path, "[1,2]"), 400, "body: must be a JSON object");
        assertError(client.putJson(path, ""), 400, "body: must be a JSON object");
        // types right, value wrong: the bridge's own rule, as INVALID
        assertError(client.putJson(path, "{" + good + ",\"heartbeatDatastoresPerHost\":9}"), 400,
                "heartbeatDatastoresPerHost: must be 1-5");
        assertError(client.putJson(path, "{" + good.replace("\"medium\"", "\"urgent\"") + ",\"heartbeatDatastoresPerHost\":2}"),
                400, "defaultRestartPriority: must be one of");
        assertError(client.send("PUT", path, "{}", "X-FDM-Request", "1", "Content-Type", "text/plain"), 415,
                "Content-Type: must be application/json");
        assertError(client.putJson(path, "{\"pad\":\"" + "x".repeat(ClusterApi.MAX_BODY_BYTES) + "\"}"), 413, "body: larger than");
        assertThat(service.settings("domain-c7")).isEqualTo(HaSettings.defaults());
    }

    @Test
    void stateChangesWithoutTheRequestHeaderAreRefused() {
        HttpResponse<String> r = client.send("POST", "/api/clusters/domain-c7/enable-ha", null);
        assertError(r, 403, "needs the header X-FDM-Request");
        HttpResponse<String> put = client.send("PUT", "/api/clusters/domain-c7/settings",
                FdmJson.mapper().valueToTree(HaSettings.defaults()).toString(), "Content-Type", "application/json");
        assertError(put, 403, "X-FDM-Request");
        assertThat(service.status("domain-c7").cluster().haEnabled()).isFalse();
        assertThat(service.status("domain-c7").cluster().configVersion()).isZero();
    }

    @Test
    void crossOriginPostsAreRefusedAndSameOriginAccepted() {
        String self = "http://127.0.4.1:" + web.address().getPort();
        assertError(client.send("POST", "/api/clusters/domain-c7/enable-ha", null,
                "X-FDM-Request", "1", "Origin", "http://evil.example"), 403, "cross-origin request from http://evil.example");
        assertError(client.send("POST", "/api/clusters/domain-c7/enable-ha", null,
                "X-FDM-Request", "1", "Origin", "http://127.0.4.1:1"), 403, "cross-origin");
        assertError(client.send("POST", "/api/clusters/domain-c7/enable-ha", null,
                "X-FDM-Request", "1", "Sec-Fetch-Site", "cross-site"), 403, "Sec-Fetch-Site: cross-site");
        assertThat(service.status("domain-c7").cluster().haEnabled()).isFalse();

        HttpResponse<String> ok = client.send("POST", "/api/clusters/domain-c7/enable-ha", null,
                "X-FDM-Request", "1", "Origin", self, "Sec-Fetch-Site", "same-origin");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(service.status("domain-c7").cluster().haEnabled()).isTrue();
    }

    @Test
    void nonLoopbackHostHeadersAreRefusedEvenForReads() {
        String rebound = client.raw("GET", "/api/clusters", "Host: evil.example:" + web.address().getPort());
        assertThat(rebound).startsWith("HTTP/1.1 403").contains("Host evil.example:").contains("is not a loopback name");
        assertThat(client.raw("GET", "/api/clusters", "Host: localhost:" + web.address().getPort())).startsWith("HTTP/1.1 200");
        assertThat(client.raw("GET", "/api/clusters", "Host: [::1]:8480")).startsWith("HTTP/1.1 200");
        assertThat(client.raw("GET", "/api/clusters", "Host: 127.0.0.1.evil.example")).startsWith("HTTP/1.1 403");
        assertThat(client.raw("GET", "/", "Host: localhost.evil.example")).startsWith("HTTP/1.1 403");
    }

    @Test
    void loopbackHostNames() {
        assertThat(RequestGuard.isLoopbackHost("127.0.0.1:8480")).isTrue();
        assertThat(RequestGuard.isLoopbackHost("127.0.4.1")).isTrue();
        assertThat(RequestGuard.isLoopbackHost("LOCALHOST:1")).isTrue();
        assertThat(RequestGuard.isLoopbackHost("[::1]")).isTrue();
        assertThat(RequestGuard.isLoopbackHost("[::1]:x")).isFalse();
        assertThat(RequestGuard.isLoopbackHost("128.0.0.1")).isFalse();
        assertThat(RequestGuard.isLoopbackHost("127.0.0.1:80:80")).isFalse();
        assertThat(RequestGuard.isLoopbackHost("localhost@evil")).isFalse();
        assertThat(RequestGuard.isLoopbackHost("[::2]")).isFalse();
    }

    @Test
    void pageFilesAreServedWithAStrictPolicy() {
        HttpResponse<String> index = client.get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(index.body()).contains("id=\"clusters\"").contains("src=\"app.js\"").doesNotContain("http://", "https://");
        HttpResponse<String> js = client.get("/app.js");
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.body()).contains("X-FDM-Request");
        assertThat(client.get("/style.css").statusCode()).isEqualTo(200);
        assertThat(client.get("/favicon.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(client.get("/index.html").statusCode()).isEqualTo(200);
        assertThat(client.get("/nothing.js").statusCode()).isEqualTo(404);
        assertThat(client.get("/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(client.send("POST", "/", null, "X-FDM-Request", "1").statusCode()).isEqualTo(405);
    }

    @Test
    void nonLoopbackListenIsRefusedUnlessAllowed() throws Exception {
        assertThatThrownBy(() -> new WebServer(service, new InetSocketAddress("0.0.0.0", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listen: 0.0.0.0 is not a loopback address");
        assertThatThrownBy(() -> new WebServer(service, InetSocketAddress.createUnresolved("bridge.invalid", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listen: cannot resolve bridge.invalid");
        try (WebServer remote = new WebServer(service, new InetSocketAddress("127.0.4.2", 0), true)) {
            remote.start();
            HttpTestClient c = new HttpTestClient(remote.address());
            assertThat(c.raw("GET", "/api/clusters", "Host: bridge.example.com")).startsWith("HTTP/1.1 200");
            assertThat(c.raw("POST", "/api/clusters/domain-c7/enable-ha", "Host: bridge.example.com",
                    "Origin: http://elsewhere.example.com", "X-FDM-Request: 1")).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void lifecycleErrors() {
        WebServer fresh = new WebServer(service, LOOPBACK);
        assertThatThrownBy(fresh::address).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
        assertThatThrownBy(web::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
        WebServer clash = new WebServer(service, web.address());
        assertThatThrownBy(clash::start).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot listen on 127.0.4.1:" + web.address().getPort());
        web.close();
        web.close();
        assertThatThrownBy(() -> client.get("/api/clusters")).isInstanceOf(UncheckedIOException.class);
    }
}
