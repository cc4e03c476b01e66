package io.openfdm.agent.net;

import io.openfdm.agent.config.ClusterFixtures;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.ElectionClaim;
import io.openfdm.core.wire.Resign;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NettyUdpTransportTest {
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");

    static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }

    /** Waits up to 5 s for the counters to reach exactly these values (they are updated on netty's threads). */
    private static void awaitCounters(PacketCounters counters, Map<String, Long> expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!counters.snapshot().entrySet().containsAll(expected.entrySet()) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(counters.snapshot()).containsAllEntriesOf(expected);
    }

    @Test
    void twoTransportsExchangeMessagesOverRealUdp() throws Exception {
        ClusterConfig cluster = ClusterFixtures.cluster(1, "127.0.0.1", freePort(), freePort());
        BlockingQueue<Inbound> at1 = new LinkedBlockingQueue<>();
        BlockingQueue<Inbound> at2 = new LinkedBlockingQueue<>();
        PacketCounters c1 = new PacketCounters();
        PacketCounters c2 = new PacketCounters();
        try (NettyUdpTransport t1 = NettyUdpTransport.bind(H1, cluster, 1_000, c1, at1::add);
             NettyUdpTransport t2 = NettyUdpTransport.bind(H2, cluster, 2_000, c2, at2::add)) {
            ElectionClaim claim = new ElectionClaim(1, new Claim(H1, 2), 7);
            t1.send(H2, claim);
            assertThat(at2.poll(5, TimeUnit.SECONDS)).isEqualTo(new Inbound(H1, claim));

            Resign resign = new Resign(new Claim(H2, 2));
            t2.send(H1, resign);
            assertThat(at1.poll(5, TimeUnit.SECONDS)).isEqualTo(new Inbound(H2, resign));

            // "sent" is counted when netty completes the write, which may be after delivery.
            awaitCounters(c1, Map.of("sent", 1L, "received", 1L));
            awaitCounters(c2, Map.of("sent", 1L, "received", 1L));
        }
    }

    @Test
    void garbageAndReplaysAreCountedNotDelivered() throws Exception {
        int port1 = freePort();
        ClusterConfig cluster = ClusterFixtures.cluster(1, "127.0.0.1", port1, freePort());
        BlockingQueue<Inbound> at1 = new LinkedBlockingQueue<>();
        PacketCounters c1 = new PacketCounters();
        WireCodec peer = new WireCodec(H2, cluster, 5_000);
        byte[] valid = peer.encode(new Resign(new Claim(H2, 1)));
        try (NettyUdpTransport t1 = NettyUdpTransport.bind(H1, cluster, 1_000, c1, at1::add);
             DatagramSocket raw = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetAddress lo = InetAddress.getByName("127.0.0.1");
            assertThat(t1.localAddress().getPort()).isEqualTo(port1);
            raw.send(new DatagramPacket(new byte[]{1, 2, 3}, 3, lo, port1));
            raw.send(new DatagramPacket(valid, valid.length, lo, port1));
            raw.send(new DatagramPacket(valid, valid.length, lo, port1));
            assertThat(at1.poll(5, TimeUnit.SECONDS)).isEqualTo(new Inbound(H2, new Resign(new Claim(H2, 1))));
            awaitCounters(c1, Map.of("received", 3L, "dropped.bad_magic", 1L, "dropped.replayed", 1L));
            assertThat(at1).isEmpty();
        }
    }

    @Test
    void sendToSelfIsIgnoredAndUnknownRecipientIsASendError() throws Exception {
        ClusterConfig cluster = ClusterFixtures.cluster(1, "127.0.0.1", freePort(), freePort());
        PacketCounters c1 = new PacketCounters();
        try (NettyUdpTransport t1 = NettyUdpTransport.bind(H1, cluster, 1_000, c1, m -> { })) {
            t1.send(H1, new Resign(new Claim(H1, 1)));
            t1.send(HostId.of("host-9"), new Resign(new Claim(H1, 1)));
            assertThat(c1.snapshot()).containsEntry("sent", 0L).containsEntry("sendErrors", 1L);
        }
    }

    @Test
    void bindingAPortInUseFailsClearly() throws Exception {
        int port = freePort();
        ClusterConfig cluster = ClusterFixtures.cluster(1, "127.0.0.1", port, freePort());
        try (NettyUdpTransport first = NettyUdpTransport.bind(H1, cluster, 1_000, new PacketCounters(), m -> { })) {
            assertThat(first.localAddress().getPort()).isEqualTo(port);
            assertThatThrownBy(() -> NettyUdpTransport.bind(H1, cluster, 1_000, new PacketCounters(), m -> { }))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("127.0.0.1:" + port);
        }
    }
}
