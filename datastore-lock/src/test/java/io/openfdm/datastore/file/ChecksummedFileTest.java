package io.openfdm.datastore.file;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChecksummedFileTest {
    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void headerHasMagicKindLengthAndDigest() {
        byte[] file = ChecksummedFile.encode("lease", BODY);
        String text = new String(file, StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("OPENFDM1 lease 7 " + ChecksummedFile.sha256Hex(BODY) + "\n{\"a\":1}");
        Decoded d = ChecksummedFile.decode("lease", file);
        assertThat(d).isInstanceOf(Decoded.Ok.class);
        assertThat(((Decoded.Ok) d).body()).isEqualTo(BODY);
    }

    @Test
    void emptyBodyRoundTrips() {
        Decoded d = ChecksummedFile.decode("x", ChecksummedFile.encode("x", new byte[0]));
        assertThat(((Decoded.Ok) d).body()).isEmpty();
    }

    @Test
    void rejectsEachKindOfDamageWithAReason() {
        byte[] good = ChecksummedFile.encode("lease", BODY);
        assertCorrupt(ChecksummedFile.decode("heartbeat", good), "wrong kind");
        assertCorrupt(ChecksummedFile.decode("lease", Arrays.copyOf(good, good.length - 1)), "truncated");
        assertCorrupt(ChecksummedFile.decode("lease", Arrays.copyOf(good, good.length + 1)), "trailing bytes");
        assertCorrupt(ChecksummedFile.decode("lease", Arrays.copyOf(good, 20)), "truncated header");

        byte[] flipped = good.clone();
        flipped[flipped.length - 2] ^= 0x01;
        assertCorrupt(ChecksummedFile.decode("lease", flipped), "checksum mismatch");

        byte[] magic = good.clone();
        magic[7] = '2';
        assertCorrupt(ChecksummedFile.decode("lease", magic), "wrong magic");

        String h = new String(good, StandardCharsets.UTF_8);
        assertCorrupt(ChecksummedFile.decode("lease", h.replace(" 7 ", " 07 ").getBytes(StandardCharsets.UTF_8)), "bad length");
        assertCorrupt(ChecksummedFile.decode("lease", h.replace(" 7 ", " -7 ").getBytes(StandardCharsets.UTF_8)), "bad length");
        assertCorrupt(ChecksummedFile.decode("lease", h.replace(" 7 ", " 99999999999 ").getBytes(StandardCharsets.UTF_8)), "bad length");
        assertCorrupt(ChecksummedFile.decode("lease", h.replace(" 7 ", " 7 x ").getBytes(StandardCharsets.UTF_8)), "4 fields");
        assertCorrupt(ChecksummedFile.decode("lease", new byte[0]), "truncated header");
        assertCorrupt(ChecksummedFile.decode("lease", "{\"owner\":\"host-1\"}".getBytes(StandardCharsets.UTF_8)), "wrong magic");
        assertCorrupt(ChecksummedFile.decode("lease", null), "no data");
    }

    @Test
    void randomGarbageNeverThrowsAndIsNeverAccepted() {
        Random random = new Random(42);
        byte[] good = ChecksummedFile.encode("lease", BODY);
        for (int i = 0; i < 20_000; i++) {
            byte[] data;
            if (i % 2 == 0) {
                data = new byte[random.nextInt(400)];
                random.nextBytes(data);
            } else {
                data = good.clone();
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    data[random.nextInt(data.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            Decoded d = ChecksummedFile.decode("lease", data);
            if (d instanceof Decoded.Ok ok) {
                // Only possible if every flip cancelled out.
                assertThat(ok.body()).isEqualTo(BODY);
                assertThat(data).isEqualTo(good);
            }
        }
    }

    @Test
    void refusesBadKindsWhenEncoding() {
        assertThatThrownBy(() -> ChecksummedFile.encode("two words", BODY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChecksummedFile.encode("", BODY)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertCorrupt(Decoded d, String reasonPart) {
        assertThat(d).isInstanceOf(Decoded.Corrupt.class);
        assertThat(((Decoded.Corrupt) d).reason()).contains(reasonPart);
    }
}
