package io.openfdm.vsphere;

import io.openfdm.vsphere.VsphereException.Kind;
import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The launcher itself, an ESXi endpoint, and a slow vCenter (vcsim -delay). */
class VcsimTest {

    @Test
    void startsOnAFreeLoopbackPortAndStopsWithSigterm() {
        Vcsim vcsim = VcsimFixture.start(Vcsim.Options.flags("-esx").listenOn("127.0.5.2"));
        try {
            assertThat(vcsim.sdkUrl().getHost()).isEqualTo("127.0.5.2");
            assertThat(vcsim.sdkUrl().getPort()).isPositive();
            assertThat(vcsim.sdkUrl().getPath()).isEqualTo("/sdk");
            try (VsphereClient esx = VsphereClient.connect(vcsim.endpoint())) {
                assertThat(esx.about().vcenter()).isFalse();
                assertThat(esx.about().apiType()).isEqualTo("HostAgent");
                assertThat(esx.about().simulator()).isTrue(); // from the vcsim.server.url setting
            }
        } finally {
            vcsim.close();
        }
        assertThat(vcsim.alive()).isFalse();
        assertThatThrownBy(() -> VsphereClient.connect(new io.openfdm.vsphere.VsphereEndpoint(vcsim.sdkUrl(), "u", "p",
                true, 1000, 1000)))
                .isInstanceOfSatisfying(VsphereException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE));
    }

    @Test
    void aBadFlagFailsWithVcsimsOwnMessage() {
        assertThatThrownBy(() -> VcsimFixture.start(Vcsim.Options.flags("-no-such-flag")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("flag provided but not defined");
    }

    @Test
    void aSlowServerTimesOutInsteadOfHanging() {
        try (Vcsim slow = VcsimFixture.start(Vcsim.Options.flags("-cluster", "1", "-host", "1", "-vm", "1", "-delay", "400"))) {
            URI url = slow.sdkUrl();
            long started = System.nanoTime();
            assertThatThrownBy(() -> VsphereClient.connect(new VsphereEndpoint(url, "u", "p", true, 1000, 150)))
                    .isInstanceOfSatisfying(VsphereException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
                        assertThat(e.getMessage()).contains("read timeout");
                    });
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
            // With a read timeout above the delay the same server works, only slowly.
            try (VsphereClient patient = VsphereClient.connect(new VsphereEndpoint(url, "u", "p", true, 1000, 2000))) {
                assertThat(patient.about().vcenter()).isTrue();
            }
        }
    }
}
