package io.openfdm.datastore.heartbeat;

import io.openfdm.core.env.DatastoreIoException;
import io.openfdm.core.model.HostId;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.nio.NioDatastoreFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeartbeatFileTest {
    @TempDir
    Path tmp;

    @Test
    void writeThenReadTheCounter() throws IOException {
        Files.createDirectories(tmp.resolve("ds1"));
        NioDatastoreFiles files = new NioDatastoreFiles(Map.of("ds1", tmp.resolve("ds1"), "ds2", tmp.resolve("no")));
        HeartbeatFile hb = new HeartbeatFile(files, "c1");
        HostId h = HostId.of("host-3");
        assertThat(hb.counter("ds1", h)).isEmpty();
        hb.write("ds1", new HeartbeatRecord(h, 41, 0));
        hb.write("ds1", new HeartbeatRecord(h, 42, 0));
        assertThat(hb.counter("ds1", h)).isEqualTo(OptionalLong.of(42));
        assertThat(tmp.resolve("ds1/.vSphere-HA/c1/host-host-3-hb")).exists();

        // A file under the wrong name (copied by hand) does not count for the host it names.
        files.writeAtomic("ds1", HaPaths.heartbeat("c1", HostId.of("host-4")),
                HeartbeatRecord.CODEC.encode(new HeartbeatRecord(h, 5, 0)));
        assertThat(hb.counter("ds1", HostId.of("host-4"))).isEmpty();

        Files.writeString(tmp.resolve("ds1/.vSphere-HA/c1/host-host-3-hb"), "OPENFDM1 heartbeat 3 00\nabc");
        assertThat(hb.counter("ds1", h)).isEmpty();

        assertThatThrownBy(() -> hb.counter("ds2", h)).isInstanceOf(DatastoreIoException.class);
    }
}
