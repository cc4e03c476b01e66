package io.openfdm.agent.net;

import io.openfdm.agent.config.ClusterFixtures;
import io.openfdm.agent.net.Decoded.Accepted;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.wire.ElectionClaim;
import io.openfdm.core.wire.MasterHeartbeat;
import io.openfdm.core.wire.Message;
import io.openfdm.core.wire.Resign;
import io.openfdm.core.wire.SlaveHeartbeat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The maintenance and standby fields on the wire: a heartbeat's host mode and a claim's candidacy. */
class HostModeWireTest {
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");
    private static final ClusterConfig CLUSTER = ClusterFixtures.threeHosts();

    @Test
    void hostModeAndCandidacyRoundTrip() {
        WireCodec sender = new WireCodec(H1, CLUSTER, 1_000);
        WireCodec receiver = new WireCodec(H2, CLUSTER, 5_000);
        Claim notCandidate = new Claim(H1, 2, false);
        List<Message> messages = List.of(
                new SlaveHeartbeat(3, H2, 4, List.of("ds-1"), HostMode.MAINTENANCE),
                new SlaveHeartbeat(3, H2, 4, List.of("ds-1"), HostMode.STANDBY),
                new ElectionClaim(3, notCandidate, 7),
                new MasterHeartbeat(3, new Claim(H1, 2), 1, 7, List.of()),
                new Resign(notCandidate));
        long seq = 1;
        for (Message m : messages) {
            assertThat(receiver.decode(sender.encode(m))).isEqualTo(new Accepted(H1, m, 1_000, seq++));
        }
    }

    @Test
    void payloadsCarryTheFieldsByName() {
        String heartbeat = payload(new SlaveHeartbeat(3, H2, 4, List.of(), HostMode.MAINTENANCE));
        assertThat(heartbeat).contains("\"hostMode\":\"MAINTENANCE\"");
        assertThat(payload(new ElectionClaim(3, new Claim(H1, 2, false), 7))).contains("\"candidate\":false");
    }

    @Test
    void theOldConstructorsMeanInServiceAndACandidate() {
        assertThat(new SlaveHeartbeat(3, H2, 4, List.of()).hostMode()).isEqualTo(HostMode.NORMAL);
        assertThat(new SlaveHeartbeat(3, H2, 4, List.of(), null).hostMode()).isEqualTo(HostMode.NORMAL);
        assertThat(new Claim(H1, 2).candidate()).isTrue();
    }

    private static String payload(Message m) {
        byte[] p = new WireCodec(H1, CLUSTER, 1_000).encode(m);
        int moidLength = p[4];
        int at = 5 + moidLength + 16;
        int length = ((p[at] & 0xff) << 8) | (p[at + 1] & 0xff);
        return new String(p, at + 2, length, StandardCharsets.UTF_8);
    }
}
