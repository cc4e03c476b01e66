package io.openfdm.agent.net;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.openfdm.agent.net.Decoded.Accepted;
import io.openfdm.agent.net.Decoded.Dropped;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.ElectionClaim;
import io.openfdm.core.wire.MasterHeartbeat;
import io.openfdm.core.wire.Message;
import io.openfdm.core.wire.PowerOnRequest;
import io.openfdm.core.wire.PowerOnResult;
import io.openfdm.core.wire.Resign;
import io.openfdm.core.wire.SlaveHeartbeat;
import io.openfdm.core.wire.VmReport;
import io.openfdm.datastore.json.FdmJson;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Turns messages into authenticated datagrams and back. One codec per agent: it numbers the
 * packets this agent sends and keeps the {@link ReplayWindow} of every sender it hears.
 *
 * <p>Packet layout, all integers big-endian:
 * <pre>
 *   0   2  magic "FD" (0x46 0x44)
 *   2   1  version, 1
 *   3   1  type, Message.typeCode()
 *   4   1  sender MOID length L (1..255)
 *   5   L  sender MOID, UTF-8
 *   .   8  sender epoch: the sender's wall-clock milliseconds at agent start
 *   .   8  sequence number, 1 for the first packet of an epoch, +1 per packet
 *   .   2  payload length P
 *   .   P  payload: the message record as UTF-8 JSON (FdmJson)
 *   .  32  HMAC-SHA256, under the cluster key, of every byte before it
 * </pre>
 * A packet is at most {@link #MAX_PACKET_BYTES} long, well under the 65,507-byte UDP limit.
 *
 * <p>Decoding checks, in order: size, magic, version, lengths, HMAC (constant-time), type, sender
 * membership, replay window, payload. Nothing before the HMAC check is trusted beyond parsing, and
 * the replay window moves only for accepted packets. {@link #decode} never throws.
 *
 * <p>Thread-safe: encode and decode may run on different threads.
 */
public final class WireCodec {
    /** Largest datagram this codec writes or reads, in bytes. */
    public static final int MAX_PACKET_BYTES = 60_000;
    /** Protocol version written in byte 2. */
    public static final int VERSION = 1;
    static final int HMAC_BYTES = 32;
    /** Magic, version, type, MOID length, epoch, sequence, payload length. */
    private static final int FIXED_HEADER_BYTES = 2 + 1 + 1 + 1 + 8 + 8 + 2;
    private static final byte MAGIC_0 = 0x46;
    private static final byte MAGIC_1 = 0x44;

    private static final Map<Integer, Class<? extends Message>> TYPES = Map.of(
            ElectionClaim.TYPE, ElectionClaim.class,
            MasterHeartbeat.TYPE, MasterHeartbeat.class,
            SlaveHeartbeat.TYPE, SlaveHeartbeat.class,
            VmReport.TYPE, VmReport.class,
            PowerOnRequest.TYPE, PowerOnRequest.class,
            PowerOnResult.TYPE, PowerOnResult.class,
            Resign.TYPE, Resign.class);

    private final HostId self;
    private final byte[] selfMoid;
    private final long epoch;
    private final AtomicLong nextSeq = new AtomicLong(1);
    private final Set<HostId> members;
    private final ThreadLocal<Mac> mac;
    private final ReplayWindow window = new ReplayWindow();
    /** Strict readers: a field missing from a payload or junk after the JSON makes it malformed. */
    private final Map<Class<? extends Message>, ObjectReader> readers = TYPES.values().stream()
            .collect(Collectors.toUnmodifiableMap(c -> c, c -> FdmJson.mapper().readerFor(c)
                    .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                            DeserializationFeature.FAIL_ON_TRAILING_TOKENS)));

    /**
     * @param self    this agent's host MOID, written as the sender of every packet
     * @param config  the cluster: its key authenticates packets, its hosts are the accepted senders
     * @param epochMs this agent's epoch, its wall-clock milliseconds at start; must grow across
     *                restarts, or peers drop its packets as replayed
     */
    public WireCodec(HostId self, ClusterConfig config, long epochMs) {
        this.self = self;
        this.selfMoid = self.moid().getBytes(StandardCharsets.UTF_8);
        if (selfMoid.length > 255) {
            throw new IllegalArgumentException("host MOID longer than 255 UTF-8 bytes: " + self);
        }
        this.epoch = epochMs;
        this.members = config.hosts().stream().map(HostSpec::id).collect(Collectors.toUnmodifiableSet());
        byte[] key = config.key();
        this.mac = ThreadLocal.withInitial(() -> newMac(key));
    }

    /** This agent's epoch, as given at construction. */
    public long epoch() {
        return epoch;
    }

    /** Numeric type code to message class, for every message type the protocol has. */
    public static Map<Integer, Class<? extends Message>> messageTypes() {
        return TYPES;
    }

    /**
     * Encodes a message as the next packet of this agent (takes the next sequence number).
     *
     * @throws IllegalArgumentException if the packet would exceed {@link #MAX_PACKET_BYTES}
     *                                  (for example a VmReport with thousands of VMs)
     */
    public byte[] encode(Message message) {
        byte[] payload;
        try {
            payload = FdmJson.mapper().writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + message.getClass().getSimpleName(), e);
        }
        int size = FIXED_HEADER_BYTES + selfMoid.length + payload.length + HMAC_BYTES;
        if (size > MAX_PACKET_BYTES) {
            throw new IllegalArgumentException(message.getClass().getSimpleName() + " needs a " + size
                    + "-byte packet, more than the " + MAX_PACKET_BYTES + "-byte maximum");
        }
        return seal(mac.get(), message.typeCode(), selfMoid, epoch, nextSeq.getAndIncrement(), payload);
    }

    /**
     * Frames and signs a packet. Package-private so tests can craft packets that {@link #encode}
     * would never write.
     */
    static byte[] seal(Mac mac, int type, byte[] sender, long epoch, long seq, byte[] payload) {
        ByteBuffer buf = ByteBuffer.allocate(FIXED_HEADER_BYTES + sender.length + payload.length + HMAC_BYTES);
        buf.put(MAGIC_0).put(MAGIC_1).put((byte) VERSION).put((byte) type);
        buf.put((byte) sender.length).put(sender);
        buf.putLong(epoch).putLong(seq);
        buf.putShort((short) payload.length).put(payload);
        mac.update(buf.array(), 0, buf.position());
        buf.put(mac.doFinal());
        return buf.array();
    }

    static Mac newMac(byte[] key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Decodes a datagram's readable bytes without consuming them. Never throws. */
    public Decoded decode(ByteBuf packet) {
        if (packet.readableBytes() > MAX_PACKET_BYTES) {
            return new Dropped(DropReason.OVERSIZED, packet.readableBytes() + " bytes");
        }
        return decode(ByteBufUtil.getBytes(packet));
    }

    /** Decodes one datagram. Never throws. */
    public Decoded decode(byte[] p) {
        try {
            return decodeChecked(p);
        } catch (RuntimeException e) {
            // Defensive: every known bad input is handled below; this keeps a bug from killing the
            // network thread.
            return new Dropped(DropReason.MALFORMED, "unexpected " + e);
        }
    }

    private Decoded decodeChecked(byte[] p) {
        if (p.length > MAX_PACKET_BYTES) {
            return new Dropped(DropReason.OVERSIZED, p.length + " bytes");
        }
        if (p.length < 2) {
            return new Dropped(DropReason.TRUNCATED, p.length + " bytes");
        }
        if (p[0] != MAGIC_0 || p[1] != MAGIC_1) {
            return new Dropped(DropReason.BAD_MAGIC, String.format("starts 0x%02x 0x%02x", p[0], p[1]));
        }
        if (p.length < 3) {
            return new Dropped(DropReason.TRUNCATED, p.length + " bytes");
        }
        if (p[2] != VERSION) {
            return new Dropped(DropReason.BAD_VERSION, "version " + (p[2] & 0xff));
        }
        if (p.length < FIXED_HEADER_BYTES + HMAC_BYTES) {
            return new Dropped(DropReason.TRUNCATED, p.length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(p);
        buf.position(3);
        int type = buf.get() & 0xff;
        int moidLength = buf.get() & 0xff;
        int payloadLengthAt = 5 + moidLength + 16;
        if (p.length < payloadLengthAt + 2 + HMAC_BYTES) {
            return new Dropped(DropReason.TRUNCATED, p.length + " bytes, sender MOID of " + moidLength);
        }
        byte[] moid = new byte[moidLength];
        buf.get(moid);
        long senderEpoch = buf.getLong();
        long seq = buf.getLong();
        int payloadLength = buf.getShort() & 0xffff;
        int signedLength = payloadLengthAt + 2 + payloadLength;
        if (p.length < signedLength + HMAC_BYTES) {
            return new Dropped(DropReason.TRUNCATED, p.length + " bytes, payload of " + payloadLength);
        }
        Mac m = mac.get();
        m.update(p, 0, signedLength);
        byte[] expected = m.doFinal();
        byte[] actual = new byte[HMAC_BYTES];
        System.arraycopy(p, signedLength, actual, 0, HMAC_BYTES);
        if (!MessageDigest.isEqual(expected, actual)) {
            return new Dropped(DropReason.UNAUTHENTICATED, "HMAC mismatch");
        }
        if (p.length != signedLength + HMAC_BYTES) {
            return new Dropped(DropReason.MALFORMED, (p.length - signedLength - HMAC_BYTES) + " trailing bytes");
        }
        Class<? extends Message> messageClass = TYPES.get(type);
        if (messageClass == null) {
            return new Dropped(DropReason.UNKNOWN_TYPE, "type " + type);
        }
        String senderMoid = new String(moid, StandardCharsets.UTF_8);
        if (senderMoid.isBlank()) {
            return new Dropped(DropReason.MALFORMED, "blank sender MOID");
        }
        HostId sender = HostId.of(senderMoid);
        if (!members.contains(sender)) {
            return new Dropped(DropReason.UNKNOWN_SENDER, "sender " + senderMoid + " is not a member");
        }
        if (sender.equals(self)) {
            return new Dropped(DropReason.UNKNOWN_SENDER, "own packet reflected back");
        }
        if (!window.isFresh(sender, senderEpoch, seq)) {
            return new Dropped(DropReason.REPLAYED, "sender " + senderMoid + " epoch " + senderEpoch + " seq " + seq);
        }
        Message message;
        try {
            message = readers.get(messageClass).readValue(p, payloadLengthAt + 2, payloadLength);
        } catch (Exception e) {
            return new Dropped(DropReason.MALFORMED, messageClass.getSimpleName() + ": " + firstLine(e.getMessage()));
        }
        if (message == null) {
            return new Dropped(DropReason.MALFORMED, messageClass.getSimpleName() + ": null payload");
        }
        window.accept(sender, senderEpoch, seq);
        return new Accepted(sender, message, senderEpoch, seq);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
