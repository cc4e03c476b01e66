package io.openfdm.bridge.runtime;

import io.openfdm.bridge.config.AgentAddresses;
import io.openfdm.bridge.vcenter.VcsimFixture;
import io.openfdm.bridge.vcenter.VsphereVcenter;
import io.openfdm.vsphere.VsphereEndpoint;
import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A vCenter slower than the bridge's read timeout (vcsim {@code -delay 1500}, read timeout 400 ms):
 * the start returns after one bounded login attempt, the JSON API keeps answering at once while the
 * sync thread times out and retries, and closing the bridge leaves none of its threads behind.
 * (Added by helper/e2e: the "slow vCenter" at the bridge; the agent's side is in fdm-agent's
 * VsphereAgentOutageTest, the whole system on a slow but working vCenter in fdm-cli's VcsimDemoIT.)
 */
class BridgeSlowVcenterTest {
    @TempDir
    Path dir;

    @Test
    void aVcenterSlowerThanTheReadTimeoutNeverHoldsUpTheBridge() throws Exception {
        try (Vcsim slow = VcsimFixture.start(Vcsim.Options.flags("-cluster", "1", "-host", "2", "-vm", "1", "-delay", "1500")
                .listenOn("127.0.3.1"))) {
            VsphereEndpoint endpoint = new VsphereEndpoint(slow.sdkUrl(), slow.user(), slow.password(), true, 1_000, 400);
            BridgeOptions options = new BridgeOptions(dir.resolve("state"), dir.resolve("agents"),
                    new InetSocketAddress("127.0.3.1", 0), false, AgentAddresses.none(), "simulated", null,
                    BridgeOptions.DEFAULT_PUSH_TIMEOUT_MS);
            long started = System.nanoTime();
            BridgeRuntime rt = BridgeRuntime.start(options, VsphereVcenter.connector(endpoint));
            try {
                assertThat((System.nanoTime() - started) / 1_000_000).as("start: one login attempt bounded by the read timeout")
                        .isLessThan(3_000);
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
                URI clusters = URI.create("http://127.0.3.1:" + rt.webAddress().getPort() + "/api/clusters");
                for (int i = 0; i < 5; i++) {
                    long asked = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(clusters).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat((System.nanoTime() - asked) / 1_000_000).as("answer %d", i).isLessThan(1_000);
                    assertThat(r.statusCode()).isIn(200, 503);
                    Thread.sleep(300);
                }
                assertThat(rt.service().vcenterConnected()).isFalse();
                assertThat(rt.service().clusters()).isEmpty();
            } finally {
                rt.close();
            }
            await("no bridge thread left").atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(Thread.getAllStackTraces().keySet()).filteredOn(Thread::isAlive).extracting(Thread::getName)
                            .noneMatch(n -> n.startsWith("bridge-")));
        }
    }
}
