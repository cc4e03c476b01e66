package io.openfdm.datastore.file;

import io.openfdm.core.model.HostId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

class FileCodecTest {
    record Sample(HostId host, long counter) {
        Sample {
            Objects.requireNonNull(host, "host");
        }
    }

    private final FileCodec<Sample> codec = new FileCodec<>("sample", Sample.class);

    @Test
    void roundTrip() {
        Sample s = new Sample(HostId.of("host-1"), 7);
        byte[] file = codec.encode(s);
        assertThat(new String(file, StandardCharsets.UTF_8)).endsWith("{\"host\":\"host-1\",\"counter\":7}");
        assertThat(codec.decode(file)).isEqualTo(new Result.Valid<>(s));
    }

    @Test
    void jsonThatDoesNotBindIsCorrupt() {
        assertCorrupt(codec.decode(ChecksummedFile.encode("sample", "{\"counter\":1}".getBytes(StandardCharsets.UTF_8))));
        assertCorrupt(codec.decode(ChecksummedFile.encode("sample", "[1,2]".getBytes(StandardCharsets.UTF_8))));
        assertCorrupt(codec.decode(ChecksummedFile.encode("sample", "{not json".getBytes(StandardCharsets.UTF_8))));
        assertCorrupt(codec.decode(ChecksummedFile.encode("sample", "null".getBytes(StandardCharsets.UTF_8))));
        assertCorrupt(codec.decode(ChecksummedFile.encode("sample",
                "{\"host\":\"host-1\",\"counter\":null}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void envelopeProblemsAreCorrupt() {
        byte[] file = codec.encode(new Sample(HostId.of("host-1"), 7));
        file[file.length - 3] ^= 0x20;
        Result<Sample> r = codec.decode(file);
        assertCorrupt(r);
        assertThat(((Result.Corrupt<Sample>) r).reason()).isEqualTo("checksum mismatch");
        assertCorrupt(new FileCodec<>("other", Sample.class).decode(codec.encode(new Sample(HostId.of("h"), 1))));
    }

    private static void assertCorrupt(Result<?> r) {
        assertThat(r).isInstanceOf(Result.Corrupt.class);
    }
}
