package io.openfdm.cli.cluster;

import io.openfdm.cli.CliException;
import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayoutPlanTest {
    private static LayoutPlan plan(int hosts, int datastores, int vms, String timing) {
        return LayoutPlan.of(Path.of("/tmp/c"), new LayoutSpec(hosts, datastores, vms, timing, "127.0.0.11", "c1"),
                new SecureRandom());
    }

    @Test
    void hostsGetConsecutiveAddressesAndReachEveryDatastore() {
        LayoutPlan p = plan(3, 2, 0, "default");

        assertThat(p.config().hosts()).extracting(h -> h.id().moid()).containsExactly("host-1", "host-2", "host-3");
        assertThat(p.config().hosts()).extracting(h -> h.address()).containsExactly("127.0.0.11", "127.0.0.12", "127.0.0.13");
        assertThat(p.config().hosts()).allSatisfy(h -> {
            assertThat(h.port()).isEqualTo(8182);
            assertThat(h.datastores()).containsExactly("ds-1", "ds-2");
        });
        assertThat(p.config().datastores()).extracting(d -> d.path())
                .containsExactly("/tmp/c/datastores/ds-1", "/tmp/c/datastores/ds-2");
        assertThat(p.config().keyHex()).hasSize(64).matches("[0-9a-f]+");
        assertThat(p.config().timing()).isEqualTo(Timing.defaults());
    }

    @Test
    void keysAreRandomPerCluster() {
        assertThat(plan(1, 1, 0, "default").config().keyHex()).isNotEqualTo(plan(1, 1, 0, "default").config().keyHex());
    }

    @Test
    void vmsAreSpreadRoundRobinWithCyclingPriorities() {
        LayoutPlan p = plan(3, 2, 7, "aggressive");

        assertThat(p.vms()).extracting(v -> v.id()).containsExactly(VmId.of("vm-1"), VmId.of("vm-2"), VmId.of("vm-3"),
                VmId.of("vm-4"), VmId.of("vm-5"), VmId.of("vm-6"), VmId.of("vm-7"));
        assertThat(p.vms().get(0).name()).isEqualTo("app-01");
        assertThat(p.vms()).extracting(v -> v.datastore()).containsExactly("ds-1", "ds-2", "ds-1", "ds-2", "ds-1", "ds-2", "ds-1");
        assertThat(p.vms()).extracting(v -> v.priority()).startsWith(RestartPriority.LOW, RestartPriority.MEDIUM,
                RestartPriority.HIGH, RestartPriority.LOW);
        assertThat(p.vmsOn(HostId.of("host-1"))).extracting(v -> v.id().moid()).containsExactly("vm-1", "vm-4", "vm-7");
        assertThat(p.config().timing()).isEqualTo(Timing.aggressive());
    }

    @Test
    void outOfRangeOptionsNameTheOption() {
        assertThatThrownBy(() -> plan(0, 1, 0, "default")).isInstanceOf(CliException.class).hasMessageContaining("--hosts");
        assertThatThrownBy(() -> plan(2, 0, 0, "default")).isInstanceOf(CliException.class).hasMessageContaining("--datastores");
        assertThatThrownBy(() -> plan(2, 1, -1, "default")).isInstanceOf(CliException.class).hasMessageContaining("--vms");
        assertThatThrownBy(() -> plan(2, 1, 0, "fast")).isInstanceOf(CliException.class).hasMessageContaining("--timing");
    }

    @Test
    void baseAddressMustLeaveRoomInItsSlash24() {
        assertThatThrownBy(() -> LayoutPlan.of(Path.of("/x"), new LayoutSpec(3, 1, 0, "default", "127.0.0.253", "c1"),
                new SecureRandom())).isInstanceOf(CliException.class).hasMessageContaining("--base-address");
        assertThatThrownBy(() -> LayoutPlan.of(Path.of("/x"), new LayoutSpec(3, 1, 0, "default", "localhost", "c1"),
                new SecureRandom())).isInstanceOf(CliException.class).hasMessageContaining("IPv4");
        assertThat(new LayoutSpec(3, 1, 0, "default", "127.0.1.250", "c1").validate().hostAddress(3))
                .isEqualTo("127.0.1.252");
    }
}
