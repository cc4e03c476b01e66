package io.openfdm.datastore.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void createsParentsAndReplacesContentLeavingNoTempFiles() throws IOException {
        Path file = dir.resolve("a/b/c.txt");
        AtomicFiles.write(file, bytes("one"));
        assertThat(Files.readString(file)).isEqualTo("one");
        AtomicFiles.write(file, bytes("two, longer"));
        AtomicFiles.write(file, bytes("3"));
        assertThat(Files.readString(file)).isEqualTo("3");
        try (Stream<Path> entries = Files.list(file.getParent())) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("c.txt");
        }
    }

    @Test
    void failedReplaceKeepsOldContentAndRemovesTemp() throws IOException {
        Path target = dir.resolve("busy");
        Files.createDirectories(target.resolve("child"));
        assertThatThrownBy(() -> AtomicFiles.write(target, bytes("x"))).isInstanceOf(IOException.class);
        assertThat(target).isDirectory();
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("busy");
        }
    }

    @Test
    void deleteReportsWhetherTheFileExisted() throws IOException {
        Path file = dir.resolve("f");
        AtomicFiles.write(file, bytes("x"));
        assertThat(AtomicFiles.delete(file)).isTrue();
        assertThat(AtomicFiles.delete(file)).isFalse();
        assertThat(file).doesNotExist();
    }

    @Test
    void tempNamesAreRecognised() {
        assertThat(AtomicFiles.isTemp(".tmp-lease-abc")).isTrue();
        assertThat(AtomicFiles.isTemp("protectedlist")).isFalse();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
