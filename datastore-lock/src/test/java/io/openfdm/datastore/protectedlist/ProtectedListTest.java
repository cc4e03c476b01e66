package io.openfdm.datastore.protectedlist;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.file.ChecksummedFile;
import io.openfdm.datastore.file.Result;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtectedListTest {
    private static final HostId MASTER = HostId.of("host-9");

    private static ProtectedVm vm(String id, HostId host) {
        return new ProtectedVm(VmId.of(id), "name-" + id, "ds1", 500, 1024, RestartPriority.HIGH, host, 0, null);
    }

    private static ProtectedList sample() {
        return ProtectedList.empty("c1", MASTER, 4)
                .with(vm("vm-2", HostId.of("host-1")))
                .with(vm("vm-1", null))
                .nextVersion(MASTER, 4);
    }

    @Test
    void roundTrip() {
        ProtectedList list = sample();
        byte[] file = ProtectedList.CODEC.encode(list);
        assertThat(ProtectedList.CODEC.decode(file)).isEqualTo(new Result.Valid<>(list));
        assertThat(new String(file, StandardCharsets.UTF_8)).startsWith("OPENFDM1 protectedlist ");
    }

    @Test
    void restartHistoryRoundTripsAndAnOlderFileWithoutItReadsAsNone() {
        ProtectedVm failed = vm("vm-1", HostId.of("host-1")).withRestartHistory(3, "no room", 1_800_000_123L);
        ProtectedList list = ProtectedList.empty("c1", MASTER, 2).with(failed).nextVersion(MASTER, 2);
        ProtectedList back = ((Result.Valid<ProtectedList>) ProtectedList.CODEC.decode(ProtectedList.CODEC.encode(list))).value();
        assertThat(back.vms().get(0).restartAttempts()).isEqualTo(3);
        assertThat(back.vms().get(0).lastRestartError()).isEqualTo("no room");
        assertThat(back.vms().get(0).nextRestartAttemptWallMs()).isEqualTo(1_800_000_123L);
        assertThat(back.vms().get(0).withoutRestartHistory()).isEqualTo(vm("vm-1", HostId.of("host-1")));

        // The body an older writer produced: no history fields at all.
        String oldBody = "{\"clusterId\":\"c1\",\"writer\":\"host-9\",\"generation\":2,\"version\":1,\"vms\":[{\"vm\":\"vm-1\","
                + "\"name\":\"n\",\"homeDatastore\":\"ds1\",\"cpuMhz\":1,\"memoryMb\":2,\"priority\":\"HIGH\","
                + "\"host\":\"host-1\",\"hostBoot\":0,\"restartTarget\":null}]}";
        Result<ProtectedList> old = ProtectedList.CODEC.decode(ChecksummedFile.encode("protectedlist",
                oldBody.getBytes(StandardCharsets.UTF_8)));
        assertThat(old).isInstanceOf(Result.Valid.class);
        ProtectedVm entry = ((Result.Valid<ProtectedList>) old).value().vms().get(0);
        assertThat(entry.restartAttempts()).isZero();
        assertThat(entry.lastRestartError()).isEmpty();
        assertThat(entry.nextRestartAttemptWallMs()).isZero();
    }

    @Test
    void withWithoutFindKeepOneSortedEntryPerVm() {
        ProtectedList list = sample();
        assertThat(list.vms()).extracting(ProtectedVm::vm).containsExactly(VmId.of("vm-1"), VmId.of("vm-2"));
        ProtectedList moved = list.with(vm("vm-1", HostId.of("host-5")));
        assertThat(moved.vms()).hasSize(2);
        assertThat(moved.find(VmId.of("vm-1"))).hasValueSatisfying(e -> assertThat(e.host()).isEqualTo(HostId.of("host-5")));
        assertThat(moved.version()).isEqualTo(list.version());
        assertThat(moved.without(VmId.of("vm-1")).find(VmId.of("vm-1"))).isEmpty();
        assertThat(moved.without(VmId.of("vm-404"))).isEqualTo(moved);
        ProtectedList next = moved.nextVersion(HostId.of("host-7"), 5);
        assertThat(next.version()).isEqualTo(2);
        assertThat(next.generation()).isEqualTo(5);
        assertThat(next.writer()).isEqualTo(HostId.of("host-7"));
    }

    @Test
    void duplicateVmsAreRefused() {
        assertThatThrownBy(() -> new ProtectedList("c1", MASTER, 1, 1, List.of(vm("vm-1", null), vm("vm-1", MASTER))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vm-1 listed twice");
    }

    @Test
    void everyFlippedByteTruncationOrWrongKindIsCorruptNeverAnException() {
        byte[] file = ProtectedList.CODEC.encode(sample());
        for (int i = 0; i < file.length; i++) {
            byte[] damaged = file.clone();
            damaged[i] ^= 0x04;
            assertThat(ProtectedList.CODEC.decode(damaged)).as("flip at %d", i).isInstanceOf(Result.Corrupt.class);
        }
        for (int len = 0; len < file.length; len++) {
            assertThat(ProtectedList.CODEC.decode(Arrays.copyOf(file, len))).as("truncated to %d", len)
                    .isInstanceOf(Result.Corrupt.class);
        }
        byte[] body = Arrays.copyOfRange(file, new String(file, StandardCharsets.UTF_8).indexOf('\n') + 1, file.length);
        Result<ProtectedList> wrongKind = ProtectedList.CODEC.decode(ChecksummedFile.encode("lease", body));
        assertThat(wrongKind).isInstanceOf(Result.Corrupt.class);
        assertThat(((Result.Corrupt<ProtectedList>) wrongKind).reason()).contains("wrong kind");
    }

    @Test
    void wellFormedEnvelopeWithInvalidContentIsCorrupt() {
        String dup = "{\"clusterId\":\"c1\",\"writer\":\"host-9\",\"generation\":1,\"version\":1,\"vms\":["
                + "{\"vm\":\"vm-1\",\"name\":\"a\",\"homeDatastore\":\"ds1\",\"cpuMhz\":0,\"memoryMb\":0,\"priority\":\"LOW\",\"host\":null},"
                + "{\"vm\":\"vm-1\",\"name\":\"a\",\"homeDatastore\":\"ds1\",\"cpuMhz\":0,\"memoryMb\":0,\"priority\":\"LOW\",\"host\":null}]}";
        assertThat(ProtectedList.CODEC.decode(ChecksummedFile.encode("protectedlist", dup.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(Result.Corrupt.class);
        String badPriority = dup.replace("\"LOW\"", "\"URGENT\"");
        assertThat(ProtectedList.CODEC.decode(ChecksummedFile.encode("protectedlist", badPriority.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(Result.Corrupt.class);
    }
}
