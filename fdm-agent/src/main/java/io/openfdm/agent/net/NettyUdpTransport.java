package io.openfdm.agent.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.env.Transport;
import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The agent's datagram transport: one netty {@link NioDatagramChannel} bound to this host's
 * configured {@code address:port} (FDM uses UDP 8182; agents sharing a machine use 127.0.0.11,
 * 127.0.0.12, ...), with its own single network thread ({@code udp-<moid>}).
 *
 * <p>Outbound: {@link #send} encodes with the {@link WireCodec} and writes asynchronously; it never
 * blocks and never throws for network errors, which are counted as {@code sendErrors} and logged at
 * debug level. Inbound: each datagram is decoded on the network thread; accepted messages go to the
 * {@code Consumer<Inbound>} (which must hand them on quickly, e.g. to the agent's executor), dropped
 * ones are counted by reason.
 */
public final class NettyUdpTransport implements Transport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NettyUdpTransport.class);
    /** Receive buffer per datagram: the largest packet fits whole, so none is silently cut. */
    private static final int RECEIVE_BUFFER_BYTES = 65_536;

    private final HostId self;
    private final WireCodec codec;
    private final PacketCounters counters;
    private final Map<HostId, InetSocketAddress> peers;
    private final EventLoopGroup group;
    private final Channel channel;

    private NettyUdpTransport(HostId self, WireCodec codec, PacketCounters counters,
                              Map<HostId, InetSocketAddress> peers, EventLoopGroup group, Channel channel) {
        this.self = self;
        this.codec = codec;
        this.counters = counters;
        this.peers = peers;
        this.group = group;
        this.channel = channel;
    }

    /**
     * Binds this host's configured address and port and starts receiving.
     *
     * @param self     this host; must be a member of {@code config}
     * @param config   the cluster: members' addresses and the HMAC key
     * @param epochMs  this agent's epoch (see {@link WireCodec}), wall-clock ms at start, never reused
     * @param counters where to count packets
     * @param inbound  receives each accepted message, on the network thread
     * @throws IllegalArgumentException if {@code self} is not a member
     * @throws UncheckedIOException     if the address cannot be bound (in use, not configured on
     *                                  this machine)
     */
    public static NettyUdpTransport bind(HostId self, ClusterConfig config, long epochMs,
                                         PacketCounters counters, Consumer<Inbound> inbound) {
        HostSpec me = config.host(self)
                .orElseThrow(() -> new IllegalArgumentException(self + " is not a member of cluster " + config.clusterId()));
        WireCodec codec = new WireCodec(self, config, epochMs);
        Map<HostId, InetSocketAddress> peers = config.hosts().stream()
                .filter(h -> !h.id().equals(self))
                .collect(Collectors.toUnmodifiableMap(HostSpec::id, h -> new InetSocketAddress(h.address(), h.port())));
        InetSocketAddress local = new InetSocketAddress(me.address(), me.port());
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("udp-" + self.moid(), true));
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_REUSEADDR, false)
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER_BYTES))
                .handler(new Receiver(codec, counters, inbound));
        ChannelFuture bound = bootstrap.bind(local).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS);
            Throwable cause = bound.cause();
            String why = cause instanceof BindException ? "address in use or not local" : String.valueOf(cause);
            throw new UncheckedIOException("cannot bind UDP " + local.getHostString() + ":" + local.getPort() + ": " + why,
                    cause instanceof java.io.IOException io ? io : new java.io.IOException(cause));
        }
        return new NettyUdpTransport(self, codec, counters, peers, group, bound.channel());
    }

    /** The bound local address. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * Sends a message to a member, best effort. Messages to self are ignored (the agent never needs
     * them on the wire); an unknown recipient, an encoding failure (a message larger than
     * {@link WireCodec#MAX_PACKET_BYTES}) or a write failure counts a send error.
     */
    @Override
    public void send(HostId to, Message message) {
        if (to.equals(self)) {
            return;
        }
        InetSocketAddress address = peers.get(to);
        if (address == null) {
            counters.sendError();
            LOG.warn("not sending {} to {}: not a member", message.getClass().getSimpleName(), to);
            return;
        }
        byte[] packet;
        try {
            packet = codec.encode(message);
        } catch (IllegalArgumentException e) {
            counters.sendError();
            LOG.error("not sending to {}: {}", to, e.getMessage());
            return;
        }
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), address)).addListener(f -> {
            if (f.isSuccess()) {
                counters.sent();
            } else {
                counters.sendError();
                LOG.debug("send to {} at {} failed: {}", to, address, f.cause().toString());
            }
        });
    }

    /** Closes the socket and stops the network thread; waits up to about a second. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(1, TimeUnit.SECONDS);
    }

    /** Decodes datagrams on the network thread. */
    private static final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private final WireCodec codec;
        private final PacketCounters counters;
        private final Consumer<Inbound> inbound;

        Receiver(WireCodec codec, PacketCounters counters, Consumer<Inbound> inbound) {
            this.codec = codec;
            this.counters = counters;
            this.inbound = inbound;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            counters.received();
            Decoded decoded = codec.decode(packet.content());
            if (decoded instanceof Decoded.Accepted a) {
                deliver(a);
            } else if (decoded instanceof Decoded.Dropped d) {
                counters.dropped(d.reason());
                LOG.debug("dropped datagram from {}: {} ({})", packet.sender(), d.reason(), d.detail());
            }
        }

        private void deliver(Decoded.Accepted a) {
            try {
                inbound.accept(new Inbound(a.sender(), a.message()));
            } catch (RuntimeException e) {
                LOG.warn("inbound handler refused a message from {}: {}", a.sender(), e.toString());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable and the like: the datagram is lost, the channel stays open.
            LOG.debug("UDP channel error: {}", cause.toString());
        }
    }
}
