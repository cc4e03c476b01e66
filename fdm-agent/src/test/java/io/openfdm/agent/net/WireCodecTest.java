package io.openfdm.agent.net;

import io.openfdm.agent.config.ClusterFixtures;
import io.openfdm.agent.net.Decoded.Accepted;
import io.openfdm.agent.net.Decoded.Dropped;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.wire.ElectionClaim;
import io.openfdm.core.wire.MasterHeartbeat;
import io.openfdm.core.wire.Message;
import io.openfdm.core.wire.PowerOnRequest;
import io.openfdm.core.wire.PowerOnResult;
import io.openfdm.core.wire.Resign;
import io.openfdm.core.wire.SlaveHeartbeat;
import io.openfdm.core.wire.VmReport;
import io.openfdm.datastore.json.FdmJson;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireCodecTest {
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");
    private static final ClusterConfig CLUSTER = ClusterFixtures.threeHosts();
    private static final VmInfo VM = new VmInfo(VmId.of("vm-7"), "db", "ds-1", PowerState.POWERED_ON, 500, 2048, RestartPriority.HIGH);

    private final WireCodec sender = new WireCodec(H1, CLUSTER, 1_000);
    private final WireCodec receiver = new WireCodec(H2, CLUSTER, 5_000);

    static List<Message> oneOfEach() {
        Claim claim = new Claim(H1, 2);
        return List.of(
                new ElectionClaim(3, claim, 1_700_000_000_000_001L),
                new MasterHeartbeat(3, claim, 17, 42, List.of(HostId.of("host-9"))),
                new SlaveHeartbeat(3, H1, 4, List.of("ds-1", "ds-2")),
                new VmReport(4, 1_700_000_000_000L, List.of(VM, VM.withPower(PowerState.POWERED_OFF))),
                new PowerOnRequest(9, VM, 12, true),
                PowerOnResult.failed(9, VmId.of("vm-7"), "no capacity: ünïcode"),
                new Resign(claim));
    }

    @Test
    void everyMessageTypeRoundTrips() {
        List<Message> messages = oneOfEach();
        assertThat(messages.stream().map(Object::getClass).collect(Collectors.toSet()))
                .as("one sample per permitted Message type")
                .containsExactlyInAnyOrder(Message.class.getPermittedSubclasses());
        assertThat(new ArrayList<Class<?>>(WireCodec.messageTypes().values())).containsExactlyInAnyOrder(Message.class.getPermittedSubclasses());
        long seq = 1;
        for (Message m : messages) {
            byte[] packet = sender.encode(m);
            assertThat(packet[0]).isEqualTo((byte) 'F');
            assertThat(packet[1]).isEqualTo((byte) 'D');
            assertThat(packet[3]).isEqualTo((byte) m.typeCode());
            Decoded d = receiver.decode(Unpooled.wrappedBuffer(packet));
            assertThat(d).isEqualTo(new Accepted(H1, m, 1_000, seq++));
        }
    }

    @Test
    void envelopeLayoutIsBigEndianAsDocumented() {
        byte[] p = sender.encode(new Resign(new Claim(H1, 0)));
        String payload = "{\"claim\":{\"host\":\"host-1\",\"datastores\":0,\"candidate\":true}}";
        int moidLength = "host-1".length();
        assertThat(p[2]).isEqualTo((byte) 1);
        assertThat(p[4]).isEqualTo((byte) moidLength);
        assertThat(new String(p, 5, moidLength, StandardCharsets.UTF_8)).isEqualTo("host-1");
        int at = 5 + moidLength;
        assertThat(Arrays.copyOfRange(p, at, at + 8)).containsExactly(0, 0, 0, 0, 0, 0, 0x03, (byte) 0xe8);
        assertThat(Arrays.copyOfRange(p, at + 8, at + 16)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(((p[at + 16] & 0xff) << 8) | (p[at + 17] & 0xff)).isEqualTo(payload.length());
        assertThat(new String(p, at + 18, payload.length(), StandardCharsets.UTF_8)).isEqualTo(payload);
        assertThat(p).hasSize(at + 18 + payload.length() + 32);
    }

    @Test
    void flippedHmacByteIsUnauthenticated() {
        byte[] p = sender.encode(new Resign(new Claim(H1, 1)));
        p[p.length - 1] ^= 0x01;
        assertDropped(receiver.decode(p), DropReason.UNAUTHENTICATED);
    }

    @Test
    void flippedPayloadByteIsUnauthenticatedAndDoesNotMoveTheWindow() {
        byte[] good = sender.encode(new Resign(new Claim(H1, 1)));
        byte[] bad = good.clone();
        bad[good.length - 40] ^= 0x20;
        assertDropped(receiver.decode(bad), DropReason.UNAUTHENTICATED);
        assertThat(receiver.decode(good)).isInstanceOf(Accepted.class);
    }

    @Test
    void anotherClusterKeyIsUnauthenticated() {
        ClusterConfig other = new ClusterConfig("c1", 1, "ff".repeat(32), CLUSTER.hosts(), CLUSTER.datastores(),
                List.of(), 2, CLUSTER.timing());
        byte[] p = new WireCodec(H1, other, 1_000).encode(new Resign(new Claim(H1, 1)));
        assertDropped(receiver.decode(p), DropReason.UNAUTHENTICATED);
    }

    @Test
    void truncatedPacketsAreTruncated() {
        byte[] p = sender.encode(new SlaveHeartbeat(1, H2, 1, List.of("ds-1")));
        for (int len : new int[]{0, 1, 2, 3, 10, 40, p.length - 33, p.length - 1}) {
            Decoded d = receiver.decode(Arrays.copyOf(p, len));
            assertThat(d).as("length " + len).isInstanceOf(Dropped.class);
            DropReason reason = ((Dropped) d).reason();
            assertThat(reason).as("length " + len).isIn(DropReason.TRUNCATED, DropReason.UNAUTHENTICATED);
            if (len < p.length - 32) {
                assertThat(reason).as("length " + len).isEqualTo(DropReason.TRUNCATED);
            }
        }
    }

    @Test
    void samePacketTwiceIsReplayed() {
        byte[] p = sender.encode(new Resign(new Claim(H1, 1)));
        assertThat(receiver.decode(p)).isInstanceOf(Accepted.class);
        assertDropped(receiver.decode(p), DropReason.REPLAYED);
    }

    @Test
    void packetFromAnOlderEpochIsReplayed() {
        WireCodec beforeRestart = new WireCodec(H1, CLUSTER, 500);
        byte[] old = beforeRestart.encode(new Resign(new Claim(H1, 1)));
        assertThat(receiver.decode(sender.encode(new Resign(new Claim(H1, 1))))).isInstanceOf(Accepted.class);
        assertDropped(receiver.decode(old), DropReason.REPLAYED);
    }

    @Test
    void restartedSenderIsAcceptedAgainFromSequenceOne() {
        assertThat(receiver.decode(sender.encode(new Resign(new Claim(H1, 1))))).isInstanceOf(Accepted.class);
        WireCodec restarted = new WireCodec(H1, CLUSTER, 2_000);
        assertThat(receiver.decode(restarted.encode(new Resign(new Claim(H1, 1)))))
                .isEqualTo(new Accepted(H1, new Resign(new Claim(H1, 1)), 2_000, 1));
    }

    @Test
    void oversizedIsRefusedOnBothSides() {
        List<VmInfo> vms = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            vms.add(new VmInfo(VmId.of("vm-" + i), "a-rather-long-virtual-machine-name-" + i, "ds-1",
                    PowerState.POWERED_ON, 0, 0, RestartPriority.MEDIUM));
        }
        assertThatThrownBy(() -> sender.encode(new VmReport(1, 1, vms)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("60000");
        byte[] huge = new byte[WireCodec.MAX_PACKET_BYTES + 1];
        huge[0] = 'F';
        huge[1] = 'D';
        huge[2] = 1;
        assertDropped(receiver.decode(huge), DropReason.OVERSIZED);
        assertDropped(receiver.decode(Unpooled.wrappedBuffer(huge)), DropReason.OVERSIZED);
    }

    @Test
    void badMagicAndBadVersion() {
        byte[] p = sender.encode(new Resign(new Claim(H1, 1)));
        byte[] magic = p.clone();
        magic[0] = 'X';
        assertDropped(receiver.decode(magic), DropReason.BAD_MAGIC);
        byte[] version = p.clone();
        version[2] = 2;
        assertDropped(receiver.decode(version), DropReason.BAD_VERSION);
    }

    @Test
    void authenticGarbageJsonIsMalformed() {
        for (String json : List.of("not json", "{\"claim\":", "{}", "null", "{\"claim\":{\"host\":\"host-1\",\"datastores\":-4}}",
                "{\"claim\":{\"host\":\"host-1\",\"datastores\":1}} trailing")) {
            byte[] p = craft(Resign.TYPE, "host-1", 1_000, 1, json);
            assertDropped(receiver.decode(p), DropReason.MALFORMED);
        }
        // the window did not move: a valid packet with the same sequence number is still accepted
        assertThat(receiver.decode(craft(Resign.TYPE, "host-1", 1_000, 1,
                "{\"claim\":{\"host\":\"host-1\",\"datastores\":1,\"candidate\":true}}"))).isInstanceOf(Accepted.class);
    }

    /** docs/wire-protocol.md "Versions and mixed clusters": an older build's payload is dropped, never misread. */
    @Test
    void payloadsOfAnOlderBuildWithoutTheNewFieldsAreMalformed() throws Exception {
        byte[] claimWithoutCandidate = craft(Resign.TYPE, "host-1", 1_000, 1, "{\"claim\":{\"host\":\"host-1\",\"datastores\":1}}");
        assertDropped(receiver.decode(claimWithoutCandidate), DropReason.MALFORMED);
        String current = FdmJson.mapper().writeValueAsString(new VmReport(1, 5, List.of(VM)));
        String older = current.replaceAll(",?\"guestHeartbeat\":\"[A-Z]+\"", "");
        assertThat(older).isNotEqualTo(current);
        assertDropped(receiver.decode(craft(VmReport.TYPE, "host-1", 1_000, 2, older)), DropReason.MALFORMED);
        // the same report from this build binds
        assertThat(receiver.decode(craft(VmReport.TYPE, "host-1", 1_000, 3, current))).isInstanceOf(Accepted.class);
    }

    @Test
    void authenticUnknownTypeAndUnknownSender() {
        String json = "{\"claim\":{\"host\":\"host-1\",\"datastores\":1}}";
        assertDropped(receiver.decode(craft(99, "host-1", 1_000, 1, json)), DropReason.UNKNOWN_TYPE);
        assertDropped(receiver.decode(craft(Resign.TYPE, "host-9", 1_000, 1, json)), DropReason.UNKNOWN_SENDER);
        assertDropped(receiver.decode(craft(Resign.TYPE, "host-2", 1_000, 1, json)), DropReason.UNKNOWN_SENDER);
        assertDropped(receiver.decode(craft(Resign.TYPE, "", 1_000, 1, json)), DropReason.MALFORMED);
    }

    @Test
    void trailingBytesAfterTheHmacAreMalformed() {
        byte[] p = sender.encode(new Resign(new Claim(H1, 1)));
        assertDropped(receiver.decode(Arrays.copyOf(p, p.length + 3)), DropReason.MALFORMED);
    }

    @Test
    void randomGarbageAndMutationsNeverThrow() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            if (garbage.length > 2 && random.nextBoolean()) {
                garbage[0] = 'F';
                garbage[1] = 'D';
                garbage[2] = 1;
            }
            assertThat(receiver.decode(garbage)).isInstanceOf(Dropped.class);
        }
        List<Message> samples = oneOfEach();
        int accepted = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] p = sender.encode(samples.get(i % samples.size()));
            int mutations = random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                switch (random.nextInt(3)) {
                    case 0 -> {
                        if (p.length > 0) {
                            p[random.nextInt(p.length)] ^= (byte) (1 + random.nextInt(255));
                        }
                    }
                    case 1 -> p = Arrays.copyOf(p, random.nextInt(p.length + 1));
                    default -> p = Arrays.copyOf(p, p.length + 1 + random.nextInt(8));
                }
            }
            Decoded d = receiver.decode(p);
            if (d instanceof Accepted) {
                accepted++;
            }
        }
        // roughly a quarter of the packets are unmutated; a mutated one is never accepted
        assertThat(accepted).isBetween(2_000, 3_000);
    }

    @Test
    void authenticGarbageFuzzNeverThrows() {
        Random random = new Random(7);
        String alphabet = "{}[]\":,0123456789-.abcdefghijklmnopqrstuvwxyz truefalsnul\\u";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder json = new StringBuilder();
            int n = random.nextInt(80);
            for (int c = 0; c < n; c++) {
                json.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            int type = 1 + random.nextInt(7);
            Decoded d = receiver.decode(craft(type, "host-1", 1_000, i + 1, json.toString()));
            assertThat(d).isInstanceOf(Dropped.class);
        }
    }

    private static byte[] craft(int type, String moid, long epoch, long seq, String json) {
        return WireCodec.seal(WireCodec.newMac(CLUSTER.key()), type, moid.getBytes(StandardCharsets.UTF_8), epoch, seq,
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertDropped(Decoded d, DropReason reason) {
        assertThat(d).isInstanceOf(Dropped.class);
        assertThat(((Dropped) d).reason()).as(((Dropped) d).detail()).isEqualTo(reason);
    }
}
