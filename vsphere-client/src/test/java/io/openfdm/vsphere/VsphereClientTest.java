package io.openfdm.vsphere;

import io.openfdm.vsphere.VsphereException.Kind;
import io.openfdm.vsphere.property.ObjectProperties;
import io.openfdm.vsphere.property.PropertyQuery;
import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connection, about, PropertyCollector reads and faults against one real vcsim. */
class VsphereClientTest {
    static final PropertyQuery VMS = PropertyQuery.of("VirtualMachine", "name", "runtime.powerState", "runtime.host",
            "config.files.vmPathName");
    static Vcsim vcsim;
    static VsphereClient client;

    @BeforeAll
    static void start() {
        vcsim = VcsimFixture.start(Vcsim.Options.flags("-cluster", "1", "-host", "2", "-standalone-host", "0", "-vm", "3")
                .credentials("fdm", "s3cret"));
        client = VsphereClient.connect(vcsim.endpoint());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (vcsim != null) {
            vcsim.close();
        }
    }

    @Test
    void aboutRecognisesVcsimAsAVcenter() {
        ServerAbout about = client.about();
        assertThat(about.vcenter()).isTrue();
        assertThat(about.apiType()).isEqualTo("VirtualCenter");
        assertThat(about.simulator()).isTrue();
        assertThat(vcsim.user()).isEqualTo("fdm");
    }

    @Test
    void readsTheWholeInventoryInOneCallPerPage() {
        client.inventory().readAll(VMS); // creates and caches the container view
        long before = client.apiCalls();
        List<ObjectProperties> vms = client.inventory().readAll(VMS);
        assertThat(client.apiCalls() - before).isEqualTo(1);
        assertThat(vms).hasSize(3);
        for (ObjectProperties vm : vms) {
            assertThat(vm.ref().type()).isEqualTo("VirtualMachine");
            assertThat(vm.string("name")).isPresent();
            assertThat(vm.string("runtime.powerState")).contains("poweredOn");
            assertThat(vm.moRef("runtime.host").orElseThrow().type()).isEqualTo("HostSystem");
            assertThat(vm.string("config.files.vmPathName").orElseThrow()).startsWith("[LocalDS_0] ");
        }

        long beforePaged = client.apiCalls();
        List<ObjectProperties> paged = client.inventory().readAll(client.rootFolder(), VMS, 1);
        assertThat(paged).extracting(ObjectProperties::ref).containsExactlyInAnyOrderElementsOf(
                vms.stream().map(ObjectProperties::ref).toList());
        // vcsim (govmomi 0.24) ignores maxObjects and never returns a token: one page. A vCenter
        // would answer with a token, and the reader would follow it with ContinueRetrievePropertiesEx.
        assertThat(client.apiCalls() - beforePaged).isEqualTo(1);
    }

    @Test
    void readsSeveralTypesAndNamedObjects() {
        List<ObjectProperties> all = client.inventory().readAll(PropertyQuery.of("HostSystem", "name")
                .and("Datastore", List.of("summary.url", "info.url")));
        Map<String, Long> byType = all.stream().collect(Collectors.groupingBy(o -> o.ref().type(), Collectors.counting()));
        assertThat(byType).containsEntry("HostSystem", 2L).containsEntry("Datastore", 1L);
        ObjectProperties ds = all.stream().filter(o -> o.ref().type().equals("Datastore")).findFirst().orElseThrow();
        assertThat(ds.string("summary.url").orElseThrow()).isNotBlank();
        assertThat(ds.data("info.url")).isEmpty(); // a string, not a data object
        MoRef host = all.stream().filter(o -> o.ref().type().equals("HostSystem")).findFirst().orElseThrow().ref();
        assertThat(client.inventory().read(host, PropertyQuery.of("HostSystem", "name", "runtime.connectionState"))
                .orElseThrow().string("runtime.connectionState")).contains("connected");
        assertThat(client.inventory().read(MoRef.host("host-does-not-exist"), PropertyQuery.of("HostSystem", "name")))
                .isEmpty();
    }

    @Test
    void wrongPasswordIsAnAuthenticationError() {
        VsphereEndpoint wrong = VsphereEndpoint.of(vcsim.sdkUrl(), "fdm", "wrong", true);
        assertThatThrownBy(() -> VsphereClient.connect(wrong))
                .isInstanceOfSatisfying(VsphereException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
                    assertThat(e.faultName()).isEqualTo("InvalidLogin");
                    assertThat(e.getMessage()).contains("Login as fdm");
                });
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.5.1"))) {
            port = s.getLocalPort();
        }
        VsphereEndpoint nobody = new VsphereEndpoint(URI.create("https://127.0.5.1:" + port + "/sdk"), "u", "p", true,
                1000, 1000);
        assertThatThrownBy(() -> VsphereClient.connect(nobody))
                .isInstanceOfSatisfying(VsphereException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                    assertThat(e.transientFailure()).isTrue();
                });
    }

    @Test
    void logsInAgainWhenTheServerForgetsTheSession() {
        try (VsphereClient own = VsphereClient.connect(vcsim.endpoint())) {
            own.session().call("Logout", (vim, sc) -> {
                vim.logout(sc.getSessionManager());
                return null;
            });
            List<ObjectProperties> vms = own.inventory().readAll(VMS);
            assertThat(vms).hasSize(3);
            assertThat(own.sessionEpoch()).isEqualTo(2);
        }
    }

    @Test
    void endpointRejectsNonHttpUrlsAndAddsSdk() {
        assertThat(VsphereEndpoint.of(URI.create("https://u:p@vc.example"), "u", "p", false).url())
                .isEqualTo(URI.create("https://vc.example/sdk"));
        assertThatThrownBy(() -> VsphereEndpoint.of(URI.create("ftp://vc.example/sdk"), "u", "p", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
        assertThat(VsphereEndpoint.of(URI.create("https://vc/sdk"), "u", "secret", false).toString()).doesNotContain("secret");
    }
}
