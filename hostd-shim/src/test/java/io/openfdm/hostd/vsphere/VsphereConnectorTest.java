package io.openfdm.hostd.vsphere;

import io.openfdm.vsphere.VcsimFixture;
import io.openfdm.core.model.HostId;
import io.openfdm.hostd.HypervisorException;
import io.openfdm.vsphere.VsphereEndpoint;
import io.openfdm.vsphere.VsphereException;
import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connection failures: unreachable with backoff, a vCenter that comes up later, wrong credentials, an ESXi endpoint. */
class VsphereConnectorTest {

    @Test
    void unreachableFailsFastWithinBackoffThenConnectsWhenTheServerIsUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.5.3"))) {
            port = s.getLocalPort();
        }
        AtomicLong clock = new AtomicLong(1_000);
        VsphereEndpoint nowhere = new VsphereEndpoint(URI.create("https://127.0.5.3:" + port + "/sdk"), "u", "p", true, 500, 500);
        try (VsphereConnector connector = new VsphereConnector(nowhere, clock::get)) {
            VsphereHypervisor h = new VsphereHypervisor(connector, VsphereHostSettings.of(HostId.of("host-1"), PowerOnMode.AUTO));
            assertThatThrownBy(h::listVms).isInstanceOf(HypervisorException.class).hasMessageContaining("[UNREACHABLE]");
            long started = System.nanoTime();
            assertThatThrownBy(connector::client).isInstanceOfSatisfying(VsphereException.class, e ->
                    assertThat(e.getMessage()).contains("next attempt 1000 ms after the last"));
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(100);
            clock.addAndGet(1_000);
            assertThatThrownBy(connector::client).isInstanceOfSatisfying(VsphereException.class, e -> {
                assertThat(e.kind()).isEqualTo(VsphereException.Kind.UNREACHABLE);
                assertThat(e.getMessage()).doesNotContain("next attempt"); // a real attempt
            });
            clock.addAndGet(1_000); // backoff is 2000 ms now
            assertThatThrownBy(connector::client).hasMessageContaining("next attempt 2000 ms after the last");
            clock.addAndGet(1_000);
            assertThatThrownBy(connector::client).hasMessageNotContaining("next attempt"); // a real attempt again
        }
    }

    @Test
    void wrongCredentialsAreAnAuthenticationFailure() {
        try (Vcsim vcsim = VcsimFixture.start(Vcsim.Options.flags("-esx").listenOn("127.0.5.4").credentials("root", "right"));
             VsphereConnector connector = new VsphereConnector(VsphereEndpoint.of(vcsim.sdkUrl(), "root", "wrong", true))) {
            assertThatThrownBy(connector::client).isInstanceOfSatisfying(VsphereException.class, e -> {
                assertThat(e.kind()).isEqualTo(VsphereException.Kind.AUTHENTICATION);
                assertThat(e.faultName()).isEqualTo("InvalidLogin");
            });
        }
    }

    @Test
    void anEsxiEndpointServesItsOneHost() {
        try (Vcsim esx = VcsimFixture.start(Vcsim.Options.flags("-esx", "-vm", "2").listenOn("127.0.5.4"))) {
            VsphereHypervisor h = new VsphereHypervisor(new VsphereConnector(esx.endpoint()),
                    VsphereHostSettings.of(HostId.of("ha-host"), PowerOnMode.AUTO));
            try (h) {
                var vms = h.listVms();
                assertThat(vms).hasSize(2);
                var id = vms.get(0).id();
                h.powerOff(id);
                assertThat(h.vm(id).orElseThrow().poweredOn()).isFalse();
                h.powerOn(id);
                assertThat(h.vm(id).orElseThrow().poweredOn()).isTrue();
            }
        }
    }
}
