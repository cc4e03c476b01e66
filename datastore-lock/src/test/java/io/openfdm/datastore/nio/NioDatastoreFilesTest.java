package io.openfdm.datastore.nio;

import io.openfdm.core.env.DatastoreIoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NioDatastoreFilesTest {
    @TempDir
    Path tmp;

    private NioDatastoreFiles files() throws IOException {
        Files.createDirectories(tmp.resolve("ds1"));
        return new NioDatastoreFiles(Map.of("ds1", tmp.resolve("ds1"), "gone", tmp.resolve("not-mounted")));
    }

    @Test
    void writeReadListDelete() throws IOException {
        NioDatastoreFiles f = files();
        assertThat(f.read("ds1", ".vSphere-HA/c1/protectedlist")).isEmpty();
        f.writeAtomic("ds1", ".vSphere-HA/c1/protectedlist", "abc".getBytes(StandardCharsets.UTF_8));
        f.writeAtomic("ds1", ".vSphere-HA/c1/host-1-hb", new byte[] {1});
        assertThat(f.read("ds1", ".vSphere-HA/c1/protectedlist")).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("abc"));
        Files.writeString(tmp.resolve("ds1/.vSphere-HA/c1/.tmp-protectedlist-123"), "half");
        assertThat(f.list("ds1", ".vSphere-HA/c1")).containsExactly("host-1-hb", "protectedlist");
        assertThat(f.list("ds1", "")).containsExactly(".vSphere-HA");
        assertThat(f.list("ds1", "missing/dir")).isEmpty();
        assertThat(f.delete("ds1", ".vSphere-HA/c1/host-1-hb")).isTrue();
        assertThat(f.delete("ds1", ".vSphere-HA/c1/host-1-hb")).isFalse();
        assertThat(f.list("ds1", ".vSphere-HA/c1")).containsExactly("protectedlist");
    }

    @Test
    void accessibility() throws IOException {
        NioDatastoreFiles f = files();
        assertThat(f.accessible("ds1")).isTrue();
        assertThat(f.accessible("gone")).isFalse();
        assertThat(f.accessible("unknown")).isFalse();
        assertThatThrownBy(() -> f.read("gone", "x")).isInstanceOf(DatastoreIoException.class)
                .hasMessageContaining("not accessible");
        assertThatThrownBy(() -> f.writeAtomic("gone", "x", new byte[0])).isInstanceOf(DatastoreIoException.class);
        assertThat(tmp.resolve("not-mounted")).doesNotExist();
        assertThatThrownBy(() -> f.list("unknown", "")).isInstanceOf(DatastoreIoException.class)
                .hasMessageContaining("unknown datastore")
                .satisfies(e -> assertThat(((DatastoreIoException) e).datastore()).isEqualTo("unknown"));
    }

    @Test
    void rejectsPathsThatEscapeOrAreNotRelative() throws IOException {
        NioDatastoreFiles f = files();
        for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "a//b", "a/./b", "a\\b", "", "a/"}) {
            assertThatThrownBy(() -> f.read("ds1", bad)).as(bad).isInstanceOf(DatastoreIoException.class);
            assertThatThrownBy(() -> f.writeAtomic("ds1", bad, new byte[0])).as(bad).isInstanceOf(DatastoreIoException.class);
        }
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void readingADirectoryOrListingAFileIsAnError() throws IOException {
        NioDatastoreFiles f = files();
        f.writeAtomic("ds1", "vm-1/vm-1.json", new byte[] {1});
        assertThatThrownBy(() -> f.read("ds1", "vm-1")).isInstanceOf(DatastoreIoException.class);
        assertThatThrownBy(() -> f.list("ds1", "vm-1/vm-1.json")).isInstanceOf(DatastoreIoException.class)
                .hasMessageContaining("not a directory");
    }
}
