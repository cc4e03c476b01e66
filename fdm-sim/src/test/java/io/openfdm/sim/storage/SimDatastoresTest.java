package io.openfdm.sim.storage;

import io.openfdm.core.env.DatastoreFiles;
import io.openfdm.core.env.DatastoreIoException;
import io.openfdm.core.model.HostId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimDatastoresTest {
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");

    private SimDatastores ds;
    private DatastoreFiles v1;
    private DatastoreFiles v2;

    @BeforeEach
    void setUp() {
        ds = new SimDatastores();
        ds.addDatastore("ds-1");
        ds.addDatastore("ds-2");
        ds.connect(H1, "ds-1");
        ds.connect(H1, "ds-2");
        ds.connect(H2, "ds-1");
        v1 = ds.view(H1);
        v2 = ds.view(H2);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void allPathsDownTakesTheDatastoreFromEveryHostAndGivesItBackToThoseWithPaths() {
        ds.disconnect(H2, "ds-1");
        ds.allPathsDown("ds-1", true);
        assertThat(ds.reaches(H1, "ds-1")).isFalse();
        assertThat(v1.accessible("ds-1")).isFalse();
        assertThat(ds.reachableFrom(H1)).containsExactly("ds-2");
        assertThatThrownBy(() -> v1.read("ds-1", "a")).isInstanceOf(DatastoreIoException.class);
        ds.allPathsDown("ds-1", false);
        assertThat(ds.reachableFrom(H1)).containsExactly("ds-1", "ds-2");
        assertThat(ds.reaches(H2, "ds-1")).as("its own path is still down").isFalse();
    }

    @Test
    void sharedFilesAreSeenByEveryHostThatReachesTheDatastore() {
        v1.writeAtomic("ds-1", ".vSphere-HA/c1/protectedlist", b("one"));
        assertThat(v2.read("ds-1", ".vSphere-HA/c1/protectedlist")).hasValueSatisfying(x -> assertThat(x).isEqualTo(b("one")));
        v2.writeAtomic("ds-1", ".vSphere-HA/c1/protectedlist", b("two"));
        assertThat(new String(v1.read("ds-1", ".vSphere-HA/c1/protectedlist").orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("two");
        assertThat(v1.read("ds-1", "missing")).isEmpty();
    }

    @Test
    void writesAreCopiedNotShared() {
        byte[] content = b("abc");
        v1.writeAtomic("ds-1", "f", content);
        content[0] = 'X';
        byte[] read = v1.read("ds-1", "f").orElseThrow();
        read[1] = 'Y';
        assertThat(v1.read("ds-1", "f").orElseThrow()).isEqualTo(b("abc"));
    }

    @Test
    void listAndDeleteFollowNio() {
        v1.writeAtomic("ds-1", ".vSphere-HA/c1/host-1-hb", b("1"));
        v1.writeAtomic("ds-1", ".vSphere-HA/c1/host-2-hb", b("2"));
        v1.writeAtomic("ds-1", ".vSphere-HA/c1/poweron/host-1", b("3"));
        v1.writeAtomic("ds-1", ".vSphere-HA/c10/x", b("4"));
        assertThat(v1.list("ds-1", ".vSphere-HA/c1")).containsExactly("host-1-hb", "host-2-hb", "poweron");
        assertThat(v1.list("ds-1", ".vSphere-HA")).containsExactly("c1", "c10");
        assertThat(v1.list("ds-1", "")).containsExactly(".vSphere-HA");
        assertThat(v1.list("ds-1", "nothing/here")).isEmpty();
        assertThat(v1.delete("ds-1", ".vSphere-HA/c1/host-2-hb")).isTrue();
        assertThat(v1.delete("ds-1", ".vSphere-HA/c1/host-2-hb")).isFalse();
        assertThatThrownBy(() -> v1.delete("ds-1", ".vSphere-HA/c1/poweron")).isInstanceOf(DatastoreIoException.class);
        assertThatThrownBy(() -> v1.read("ds-1", ".vSphere-HA/c1")).isInstanceOf(DatastoreIoException.class);
        assertThatThrownBy(() -> v1.writeAtomic("ds-1", ".vSphere-HA/c1/host-1-hb/x", b("5")))
                .isInstanceOf(DatastoreIoException.class).hasMessageContaining("is a file");
        assertThatThrownBy(() -> v1.read("ds-1", "../etc/passwd")).isInstanceOf(DatastoreIoException.class);
        assertThatThrownBy(() -> v1.read("ds-1", "/abs")).isInstanceOf(DatastoreIoException.class);
    }

    @Test
    void inaccessibleDatastoreThrowsAndComesBack() {
        assertThat(v2.accessible("ds-2")).isFalse();
        assertThat(v2.accessible("ds-9")).isFalse();
        assertThatThrownBy(() -> v2.read("ds-2", "f")).isInstanceOf(DatastoreIoException.class)
                .hasMessageContaining("inaccessible from host-2");
        v1.writeAtomic("ds-1", "f", b("x"));
        ds.disconnect(H2, "ds-1");
        assertThat(v2.accessible("ds-1")).isFalse();
        assertThatThrownBy(() -> v2.writeAtomic("ds-1", "f", b("y"))).isInstanceOf(DatastoreIoException.class);
        assertThatThrownBy(() -> v2.list("ds-1", "")).isInstanceOf(DatastoreIoException.class);
        assertThatThrownBy(() -> v2.delete("ds-1", "f")).isInstanceOf(DatastoreIoException.class);
        assertThat(v1.read("ds-1", "f")).isPresent();
        ds.connect(H2, "ds-1");
        assertThat(v2.read("ds-1", "f")).isPresent();
        assertThat(ds.reachableFrom(H1)).containsExactly("ds-1", "ds-2");
    }

    @Test
    void corruptOverwritesAnExistingFileOnly() {
        v1.writeAtomic("ds-1", "lease", b("{\"owner\":\"host-1\"}"));
        assertThat(ds.corrupt("ds-1", "lease", new SplittableRandom(3), 16)).isTrue();
        assertThat(ds.peek("ds-1", "lease").orElseThrow()).hasSize(16).isNotEqualTo(b("{\"owner\":\"host-1\"}"));
        assertThat(ds.corrupt("ds-1", "nope", new SplittableRandom(3), 16)).isFalse();
        assertThat(ds.paths("ds-1")).containsExactly("lease");
    }
}
