package io.openfdm.agent.push;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The HMAC-SHA256 signature of the bridge-to-agent push channel. A request carries three headers:
 * <pre>
 * X-FDM-Timestamp: 1718000000123          (sender's wall clock, milliseconds since the epoch)
 * X-FDM-Nonce:     9f2c...                (16 random bytes, hex; unique per request)
 * X-FDM-Signature: 4be1...                (hex HMAC-SHA256 under the cluster key)
 * </pre>
 * The request signature covers {@code "request\n" + METHOD + "\n" + path + "\n" + timestamp + "\n" +
 * nonce + "\n" + hex(SHA-256(body))}. The agent's answer carries {@code X-FDM-Signature} over
 * {@code "response\n" + status + "\n" + nonce + "\n" + hex(SHA-256(body))} with the request's nonce,
 * so the bridge knows the answer came from a holder of the key and belongs to its request.
 *
 * <p>The key is the cluster key ({@code ClusterConfig.keyHex}, 32+ bytes), the same one that
 * authenticates the agents' UDP messages; the bridge creates it when HA is first enabled, as
 * vCenter gives each FDM cluster its own credentials.
 */
public final class PushSignature {
    public static final String TIMESTAMP_HEADER = "X-FDM-Timestamp";
    public static final String NONCE_HEADER = "X-FDM-Nonce";
    public static final String SIGNATURE_HEADER = "X-FDM-Signature";
    /** Bytes of random nonce per request. */
    public static final int NONCE_BYTES = 16;

    private static final HexFormat HEX = HexFormat.of();

    private PushSignature() {
    }

    /** The hex signature of a request. */
    public static String request(byte[] key, String method, String path, long timestampMs, String nonce, byte[] body) {
        return hmac(key, "request\n" + method + "\n" + path + "\n" + timestampMs + "\n" + nonce + "\n" + sha256Hex(body));
    }

    /** The hex signature of an answer to the request that carried {@code nonce}. */
    public static String response(byte[] key, int status, String nonce, byte[] body) {
        return hmac(key, "response\n" + status + "\n" + nonce + "\n" + sha256Hex(body));
    }

    /** Compares two hex signatures in constant time; false if either is null. */
    public static boolean matches(String expectedHex, String actualHex) {
        if (expectedHex == null || actualHex == null) {
            return false;
        }
        return MessageDigest.isEqual(expectedHex.getBytes(StandardCharsets.US_ASCII),
                actualHex.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
