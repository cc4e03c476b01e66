package io.openfdm.hostd.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FilePowerStateStoreTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripInAChecksummedEnvelope() throws IOException {
        FilePowerStateStore store = new FilePowerStateStore(tmp.resolve("a/b/power"));
        assertThat(store.load()).isEmpty();
        assertThat(store.loadProblem()).isEmpty();
        store.save("{\"x\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(store.load()).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("{\"x\":1}"));
        assertThat(Files.readString(tmp.resolve("a/b/power"))).startsWith("OPENFDM1 powerstate 7 ");
    }

    @Test
    void truncatedOrForeignFilesAreAbsentWithAProblem() throws IOException {
        Path file = tmp.resolve("power");
        FilePowerStateStore store = new FilePowerStateStore(file);
        store.save("{\"x\":1}".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 2));
        assertThat(store.load()).isEmpty();
        assertThat(store.loadProblem()).hasValueSatisfying(p -> assertThat(p).contains("corrupt").contains("truncated"));
        Files.writeString(file, "{\"clean\":true}");
        assertThat(store.load()).isEmpty();
        assertThat(store.loadProblem()).hasValueSatisfying(p -> assertThat(p).contains("wrong magic"));
    }

    @Test
    void inMemoryStoreCopiesContent() {
        InMemoryPowerStateStore store = new InMemoryPowerStateStore();
        byte[] content = {1, 2};
        store.save(content);
        content[0] = 9;
        assertThat(store.load()).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
    }
}
