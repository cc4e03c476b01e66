package io.openfdm.sim.storage;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.file.AtomicFiles;
import io.openfdm.datastore.file.FileCodec;
import io.openfdm.datastore.file.Result;
import io.openfdm.datastore.heartbeat.HeartbeatRecord;
import io.openfdm.datastore.lease.LeaseRecord;
import io.openfdm.datastore.protectedlist.ProtectedList;
import io.openfdm.datastore.protectedlist.ProtectedVm;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a torn write can leave, per the {@code DatastoreFiles} contract, and that no reader trusts
 * it: a crash during {@code writeAtomic} leaves only a temporary file (ignored by name), and an
 * interrupted non-atomic overwrite leaves a truncated file that every codec rejects.
 */
class TornFilesTest {
    private static final HostId H1 = HostId.of("host-1");

    private static <T> void everyPrefixIsRejected(FileCodec<T> codec, T value) {
        byte[] whole = codec.encode(value);
        assertThat(codec.decode(whole)).isInstanceOf(Result.Valid.class);
        for (int n = 0; n < whole.length; n++) {
            assertThat(codec.decode(Arrays.copyOf(whole, n))).as("prefix of %d of %d bytes", n, whole.length)
                    .isInstanceOf(Result.Corrupt.class);
        }
    }

    @Test
    void everyTruncationOfEveryHaFileIsRejected() {
        everyPrefixIsRejected(LeaseRecord.CODEC, new LeaseRecord("c1", H1, 4, 17, 1_000));
        everyPrefixIsRejected(HeartbeatRecord.CODEC, new HeartbeatRecord(H1, 99, 1_000));
        everyPrefixIsRejected(ProtectedList.CODEC, new ProtectedList("c1", H1, 3, 8, List.of(
                new ProtectedVm(VmId.of("vm-1"), "vm-1", "ds-1", 500, 1024, RestartPriority.HIGH, H1, 1, null))));
    }

    @Test
    void tearTruncatesAndACrashedAtomicWriteLeavesOnlyATempFile() {
        SimDatastores ds = new SimDatastores();
        ds.addDatastore("ds-1");
        ds.connect(H1, "ds-1");
        byte[] lease = LeaseRecord.CODEC.encode(new LeaseRecord("c1", H1, 4, 17, 1_000));
        ds.view(H1).writeAtomic("ds-1", ".vSphere-HA/c1/protectedlist.lease", lease);
        long before = ds.version("ds-1", ".vSphere-HA/c1/protectedlist.lease");
        assertThat(ds.tear("ds-1", ".vSphere-HA/c1/protectedlist.lease", new SplittableRandom(3))).isTrue();
        byte[] torn = ds.peek("ds-1", ".vSphere-HA/c1/protectedlist.lease").orElseThrow();
        assertThat(torn.length).isLessThan(lease.length);
        assertThat(ds.version("ds-1", ".vSphere-HA/c1/protectedlist.lease")).isGreaterThan(before);
        assertThat(LeaseRecord.CODEC.decode(torn)).isInstanceOf(Result.Corrupt.class);

        String temp = ds.leaveTempFile("ds-1", ".vSphere-HA/c1/protectedlist", new byte[] {1, 2}, 0xab);
        assertThat(temp).isEqualTo(".vSphere-HA/c1/" + AtomicFiles.TEMP_PREFIX + "protectedlist-ab");
        assertThat(AtomicFiles.isTemp(temp.substring(temp.lastIndexOf('/') + 1))).isTrue();
        assertThat(ds.peek("ds-1", ".vSphere-HA/c1/protectedlist")).isEmpty();
        assertThat(ds.tear("ds-1", "missing", new SplittableRandom(3))).isFalse();
    }
}
