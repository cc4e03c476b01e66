package io.openfdm.datastore.lease;

import io.openfdm.core.config.Timing;
import io.openfdm.core.env.Clock;
import io.openfdm.core.model.HostId;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.nio.NioDatastoreFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseFileTest {
    @TempDir
    Path tmp;

    private final long[] now = {0};
    private final Clock clock = new Clock() {
        @Override
        public long monotonicMs() {
            return now[0];
        }

        @Override
        public long wallMs() {
            return 1_700_000_000_000L + now[0];
        }
    };

    private NioDatastoreFiles files() throws IOException {
        Files.createDirectories(tmp.resolve("ds1"));
        return new NioDatastoreFiles(Map.of("ds1", tmp.resolve("ds1"), "ds2", tmp.resolve("missing")));
    }

    @Test
    void roundsAcquireAndRenewOnRealFiles() throws IOException {
        LeaseFile lease = new LeaseFile(files(), "c1");
        assertThat(lease.read("ds1")).isEqualTo(new LeaseObservation.Absent());
        LeaseState s = LeaseState.initial("c1", "ds1", HostId.of("host-1"));
        s = lease.round(s, true, clock, Timing.defaults()).state();
        assertThat(s.phase()).isEqualTo(LeasePhase.CLAIMING);
        assertThat(s.claimWritten()).isTrue();
        now[0] = 500;
        LeaseStep step = lease.round(s, true, clock, Timing.defaults());
        assertThat(step.events()).containsExactly(new LeaseEvent.Acquired(1));
        assertThat(step.state().lastRenewOkMs()).isEqualTo(500);
        assertThat(lease.read("ds1")).isEqualTo(new LeaseObservation.Present(
                new LeaseRecord("c1", HostId.of("host-1"), 1, 1, 1_700_000_000_500L)));
        String text = Files.readString(tmp.resolve("ds1").resolve(HaPaths.protectedListLease("c1")));
        assertThat(text).startsWith("OPENFDM1 lease ").contains("\"owner\":\"host-1\"");
    }

    @Test
    void corruptFilesCarryAFingerprintSoChangesAreVisible() throws IOException {
        LeaseFile lease = new LeaseFile(files(), "c1");
        Path file = tmp.resolve("ds1").resolve(HaPaths.protectedListLease("c1"));
        Files.createDirectories(file.getParent());
        Files.writeString(file, "garbage one");
        LeaseObservation first = lease.read("ds1");
        Files.writeString(file, "garbage two");
        LeaseObservation second = lease.read("ds1");
        assertThat(first).isInstanceOf(LeaseObservation.Corrupt.class);
        assertThat(((LeaseObservation.Corrupt) first).reason()).contains("[content sha256 ");
        assertThat(second).isInstanceOf(LeaseObservation.Corrupt.class).isNotEqualTo(first);
        assertThat(lease.read("ds1")).isEqualTo(second);
    }

    @Test
    void leaseOfAnotherClusterIsCorrupt() throws IOException {
        NioDatastoreFiles files = files();
        files.writeAtomic("ds1", HaPaths.protectedListLease("c1"),
                LeaseRecord.CODEC.encode(new LeaseRecord("other", HostId.of("h"), 1, 0, 0)));
        LeaseObservation obs = new LeaseFile(files, "c1").read("ds1");
        assertThat(obs).isInstanceOf(LeaseObservation.Corrupt.class);
        assertThat(((LeaseObservation.Corrupt) obs).reason()).contains("lease of cluster other");
    }

    @Test
    void unreadableDatastoreIsInaccessibleAndWritesReportFailure() throws IOException {
        LeaseFile lease = new LeaseFile(files(), "c1");
        assertThat(lease.read("ds2")).isInstanceOf(LeaseObservation.Inaccessible.class);
        assertThat(lease.write("ds2", new LeaseRecord("c1", HostId.of("h"), 1, 0, 0), 0)).isFalse();
        LeaseState s = LeaseState.initial("c1", "ds2", HostId.of("host-1"));
        LeaseStep step = lease.round(s, true, clock, Timing.defaults());
        assertThat(step.write()).isEmpty();
        assertThat(step.state().everObserved()).isFalse();
    }

    @Test
    void recordJsonIsReadable() {
        byte[] file = LeaseRecord.CODEC.encode(new LeaseRecord("c1", null, 3, 4, 5));
        assertThat(new String(file, StandardCharsets.UTF_8))
                .endsWith("{\"clusterId\":\"c1\",\"owner\":null,\"generation\":3,\"renewals\":4,\"wallMs\":5}");
    }
}
