package io.openfdm.datastore;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HaPathsTest {
    @Test
    void layout() {
        assertThat(HaPaths.clusterDir("c1")).isEqualTo(".vSphere-HA/c1");
        assertThat(HaPaths.protectedList("c1")).isEqualTo(".vSphere-HA/c1/protectedlist");
        assertThat(HaPaths.protectedListLease("c1")).isEqualTo(".vSphere-HA/c1/protectedlist.lease");
        assertThat(HaPaths.heartbeat("c1", HostId.of("host-7"))).isEqualTo(".vSphere-HA/c1/host-host-7-hb");
        assertThat(HaPaths.vmConfig(VmId.of("vm-3"))).isEqualTo("vm-3/vm-3.json");
    }

    @Test
    void heartbeatFileNamesParseBack() {
        assertThat(HaPaths.hostOfHeartbeatFile(HaPaths.heartbeatFileName(HostId.of("host-12")))).contains(HostId.of("host-12"));
        assertThat(HaPaths.hostOfHeartbeatFile("protectedlist")).isEmpty();
        assertThat(HaPaths.hostOfHeartbeatFile("host--hb")).isEmpty();
        assertThat(HaPaths.hostOfHeartbeatFile(".tmp-host-1-hb-abc")).isEmpty();
    }

    @Test
    void unsafeNamesAreRefused() {
        assertThatThrownBy(() -> HaPaths.clusterDir("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HaPaths.clusterDir("..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HaPaths.vmConfig(VmId.of("a/b"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HaPaths.heartbeat("c1", HostId.of("h/1"))).isInstanceOf(IllegalArgumentException.class);
    }
}
