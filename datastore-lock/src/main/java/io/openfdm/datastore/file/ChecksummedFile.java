package io.openfdm.datastore.file;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The on-disk envelope of every file the agents write on datastores (leases, heartbeats,
 * protectedlists) and of local power-state files.
 *
 * <p>Format: one ASCII header line, then the body.
 * <pre>
 * OPENFDM1 &lt;kind&gt; &lt;length&gt; &lt;sha256-hex&gt;\n
 * &lt;exactly length bytes of UTF-8 JSON&gt;
 * </pre>
 * {@code kind} names the file type ({@code lease}, {@code heartbeat}, ...; letters, digits, '-' and
 * '_'), {@code length} is the body's byte count in decimal, and the SHA-256 (64 lowercase hex
 * digits) covers the body only. A reader that expects another kind, finds fewer or more bytes than
 * announced, or computes another digest rejects the file: a torn write, a bit flip or a file of the
 * wrong type is never trusted.
 */
public final class ChecksummedFile {
    /** The first token of every envelope; bump the digit for an incompatible format change. */
    public static final String MAGIC = "OPENFDM1";

    /** A header longer than this is garbage (magic + kind + 10 digits + 64 hex, with room). */
    static final int MAX_HEADER_BYTES = 256;

    private static final Pattern KIND = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern LENGTH = Pattern.compile("0|[1-9][0-9]{0,9}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ChecksummedFile() {
    }

    /**
     * Wraps a body in the envelope.
     *
     * @throws IllegalArgumentException if {@code kind} is not 1-64 characters of
     *                                  {@code [A-Za-z0-9_-]}
     */
    public static byte[] encode(String kind, byte[] body) {
        checkKind(kind);
        Objects.requireNonNull(body, "body");
        byte[] header = (MAGIC + " " + kind + " " + body.length + " " + sha256Hex(body) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, out, header.length, body.length);
        return out;
    }

    /**
     * Verifies and unwraps an envelope. Never throws on bad input: anything but an intact envelope
     * of {@code expectedKind} is {@link Decoded.Corrupt} with the reason (wrong magic, wrong kind,
     * bad length, truncated, trailing bytes, checksum mismatch).
     *
     * @param data the whole file; null is reported as corrupt
     */
    public static Decoded decode(String expectedKind, byte[] data) {
        if (data == null) {
            return new Decoded.Corrupt("no data");
        }
        byte[] magic = (MAGIC + " ").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(data.length, magic.length); i++) {
            if (data[i] != magic[i]) {
                return new Decoded.Corrupt("wrong magic (expected " + MAGIC + ")");
            }
        }
        int newline = -1;
        for (int i = 0; i < Math.min(data.length, MAX_HEADER_BYTES); i++) {
            if (data[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) {
            return new Decoded.Corrupt(data.length < MAX_HEADER_BYTES
                    ? "truncated header (" + data.length + " bytes, no newline)"
                    : "no header line in the first " + MAX_HEADER_BYTES + " bytes");
        }
        String header = new String(data, 0, newline, StandardCharsets.ISO_8859_1);
        String[] parts = header.split(" ", -1);
        if (parts.length != 4) {
            return new Decoded.Corrupt("malformed header: expected 4 fields, found " + parts.length);
        }
        if (!parts[1].equals(expectedKind)) {
            return new Decoded.Corrupt("wrong kind: expected " + expectedKind + ", found " + printable(parts[1]));
        }
        if (!LENGTH.matcher(parts[2]).matches()) {
            return new Decoded.Corrupt("bad length field " + printable(parts[2]));
        }
        long length = Long.parseLong(parts[2]);
        if (!SHA256.matcher(parts[3]).matches()) {
            return new Decoded.Corrupt("bad checksum field");
        }
        long available = (long) data.length - newline - 1;
        if (available < length) {
            return new Decoded.Corrupt("truncated: header announces " + length + " bytes, found " + available);
        }
        if (available > length) {
            return new Decoded.Corrupt("trailing bytes: header announces " + length + " bytes, found " + available);
        }
        byte[] body = Arrays.copyOfRange(data, newline + 1, data.length);
        if (!sha256Hex(body).equals(parts[3])) {
            return new Decoded.Corrupt("checksum mismatch");
        }
        return new Decoded.Ok(body);
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static void checkKind(String kind) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("file kind must be 1-64 characters of [A-Za-z0-9_-], was " + kind);
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return "'" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }
}
