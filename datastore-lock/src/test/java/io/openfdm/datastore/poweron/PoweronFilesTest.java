package io.openfdm.datastore.poweron;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.nio.NioDatastoreFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PoweronFilesTest {
    @TempDir
    Path tmp;

    @Test
    void poweronRecordRoundTripsAndACorruptOrMisnamedFileReadsAsAbsent() throws IOException {
        Files.createDirectories(tmp.resolve("ds1"));
        NioDatastoreFiles files = new NioDatastoreFiles(Map.of("ds1", tmp.resolve("ds1")));
        PoweronFiles poweron = new PoweronFiles(files, "c1");
        HostId h = HostId.of("host-3");
        assertThat(poweron.read("ds1", h)).isEmpty();

        poweron.write("ds1", new PoweronRecord(h, true, List.of(VmId.of("vm-2"), VmId.of("vm-1"), VmId.of("vm-2")), 7, 0));
        PoweronRecord read = poweron.read("ds1", h).orElseThrow();
        assertThat(read.isolated()).isTrue();
        assertThat(read.poweredOn()).containsExactly(VmId.of("vm-1"), VmId.of("vm-2"));
        assertThat(tmp.resolve("ds1/.vSphere-HA/c1/host-host-3-poweron")).exists();

        files.writeAtomic("ds1", HaPaths.poweron("c1", HostId.of("host-4")), PoweronRecord.CODEC.encode(read));
        assertThat(poweron.read("ds1", HostId.of("host-4"))).isEmpty();

        Files.writeString(tmp.resolve("ds1/.vSphere-HA/c1/host-host-3-poweron"), "1\nvm-1\n");
        assertThat(poweron.read("ds1", h)).isEmpty();
    }

    @Test
    void poweredOffMarkersAreListedReadAndDeleted() throws IOException {
        Files.createDirectories(tmp.resolve("ds1"));
        NioDatastoreFiles files = new NioDatastoreFiles(Map.of("ds1", tmp.resolve("ds1")));
        PoweronFiles poweron = new PoweronFiles(files, "c1");
        assertThat(poweron.markers("ds1")).isEmpty();

        poweron.writeMarker("ds1", new PoweredOffMarker(VmId.of("vm-9"), HostId.of("host-1"), 11, "powerOff", 0));
        poweron.writeMarker("ds1", new PoweredOffMarker(VmId.of("vm-1"), HostId.of("host-1"), 11, "shutdown", 0));
        Files.writeString(tmp.resolve("ds1/.vSphere-HA/c1/poweredoff/vm-5"), "torn");

        assertThat(poweron.markers("ds1")).extracting(PoweredOffMarker::vm).containsExactly(VmId.of("vm-1"), VmId.of("vm-9"));
        assertThat(poweron.readMarker("ds1", VmId.of("vm-1")).orElseThrow().response()).isEqualTo("shutdown");
        assertThat(poweron.readMarker("ds1", VmId.of("vm-5"))).isEmpty();
        assertThat(poweron.deleteMarker("ds1", VmId.of("vm-1"))).isTrue();
        assertThat(poweron.deleteMarker("ds1", VmId.of("vm-1"))).isFalse();
        assertThat(poweron.markers("ds1")).extracting(PoweredOffMarker::vm).containsExactly(VmId.of("vm-9"));
    }

    /** docs/file-formats.md: files written before {@code bootId} and {@code pending} existed still read. */
    @Test
    void filesWithoutTheNewerFieldsReadWithTheirDefaults() {
        byte[] poweron = io.openfdm.datastore.file.ChecksummedFile.encode("poweron",
                "{\"host\":\"host-1\",\"isolated\":true,\"poweredOn\":[\"vm-3\"],\"counter\":5,\"wallMs\":6}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(PoweronRecord.CODEC.decode(poweron)).isInstanceOfSatisfying(
                io.openfdm.datastore.file.Result.Valid.class,
                v -> assertThat(((PoweronRecord) v.value()).bootId()).isZero());
        byte[] marker = io.openfdm.datastore.file.ChecksummedFile.encode("poweredoff",
                "{\"vm\":\"vm-1\",\"host\":\"host-1\",\"hostBoot\":3,\"response\":\"powerOff\",\"wallMs\":4}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(PoweredOffMarker.CODEC.decode(marker)).isInstanceOfSatisfying(
                io.openfdm.datastore.file.Result.Valid.class,
                v -> assertThat(((PoweredOffMarker) v.value()).pending()).isFalse());
        PoweredOffMarker pending = new PoweredOffMarker(VmId.of("vm-1"), HostId.of("host-1"), 3, "shutdown", 4, true);
        assertThat(PoweredOffMarker.CODEC.decode(PoweredOffMarker.CODEC.encode(pending))).isInstanceOfSatisfying(
                io.openfdm.datastore.file.Result.Valid.class, v -> assertThat(v.value()).isEqualTo(pending));
    }
}
