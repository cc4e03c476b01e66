package io.openfdm.bridge.runtime;

import io.openfdm.bridge.api.BridgeException;
import io.openfdm.bridge.config.AgentAddresses;
import io.openfdm.bridge.store.BridgeStore;
import io.openfdm.bridge.vcenter.VcenterLoginException;
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
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Start-up against vCenter: refused credentials end the start; an unreachable vCenter is retried in the background. */
class BridgeRuntimeTest {
    @TempDir
    Path dir;

    private BridgeOptions options() {
        return new BridgeOptions(dir.resolve("state"), dir.resolve("agents"), new InetSocketAddress("127.0.3.1", 0), false,
                AgentAddresses.none(), "simulated", null, BridgeOptions.DEFAULT_PUSH_TIMEOUT_MS);
    }

    @Test
    void wrongCredentialsEndTheStartAndReleaseTheStore() {
        try (Vcsim vcsim = VcsimFixture.start(Vcsim.Options.flags("-cluster", "1", "-host", "2", "-vm", "1")
                .credentials("fdm", "secret"))) {
            VsphereEndpoint wrong = VsphereEndpoint.of(vcsim.sdkUrl(), "fdm", "not-the-password", true);
            assertThatThrownBy(() -> BridgeRuntime.start(options(), VsphereVcenter.connector(wrong)))
                    .isInstanceOf(VcenterLoginException.class)
                    .hasMessageContaining("vCenter refused the login");
            BridgeStore.open(dir.resolve("state")).close(); // released: a corrected start can open it

            try (BridgeRuntime rt = BridgeRuntime.start(options(), VsphereVcenter.connector(vcsim.endpoint()))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> rt.service().clusters().size() == 1);
            }
        }
    }

    @Test
    void anUnreachableVcenterAtStartIsRetriedWithBackoff() throws Exception {
        AtomicReference<VsphereEndpoint> target = new AtomicReference<>(
                VsphereEndpoint.of(URI.create("https://127.0.3.1:1/sdk"), "u", "p", true));
        try (BridgeRuntime rt = BridgeRuntime.start(options(), () -> VsphereVcenter.connector(target.get()).connect())) {
            assertThat(rt.service().clusters()).isEmpty();
            assertThat(rt.service().vcenterConnected()).isFalse();
            assertThatThrownBy(() -> rt.service().enableHa("domain-c7")).isInstanceOfSatisfying(BridgeException.class,
                    e -> assertThat(e.kind()).isEqualTo(BridgeException.Kind.UNAVAILABLE));
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.3.1:"
                    + rt.webAddress().getPort() + "/api/clusters/domain-c7/status")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).as("the web server answers while vCenter is away").isEqualTo(503);

            try (Vcsim vcsim = VcsimFixture.start("-cluster", "1", "-host", "2", "-vm", "1")) {
                target.set(vcsim.endpoint());
                await().atMost(Duration.ofSeconds(20)).until(() -> rt.service().clusters().size() == 1);
                assertThat(rt.service().vcenterConnected()).isTrue();
            }
        }
    }

    @Test
    void vcenterLostMidRunIsReconnectedWithBackoff() {
        AtomicReference<VsphereEndpoint> target = new AtomicReference<>();
        try (Vcsim first = VcsimFixture.start("-cluster", "1", "-host", "2", "-vm", "1")) {
            target.set(first.endpoint());
            try (BridgeRuntime rt = BridgeRuntime.start(options(), () -> VsphereVcenter.connector(target.get()).connect())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> rt.service().clusters().size() == 1);
                first.close();
                await().atMost(Duration.ofSeconds(30)).until(() -> !rt.service().vcenterConnected());
                assertThat(rt.service().clusters()).as("the last inventory is still shown").hasSize(1);
                try (Vcsim second = VcsimFixture.start("-cluster", "2", "-host", "2", "-vm", "1")) {
                    target.set(second.endpoint());
                    await().atMost(Duration.ofSeconds(30)).until(() -> rt.service().vcenterConnected()
                            && rt.service().clusters().size() == 2);
                }
            }
        }
    }
}
