package io.openfdm.agent.push;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a signed push request: signature under the current cluster key, timestamp within
 * {@code freshnessWindowMs} of the agent's wall clock either way, and a nonce not used before.
 *
 * <p>Replay protection: every accepted nonce is remembered until its timestamp has left the
 * window (a request older than the window is refused as stale anyway), at most
 * {@link #MAX_REMEMBERED_NONCES}; beyond that the oldest are forgotten. Only a holder of the key
 * can make accepted requests, so that bound limits memory, not safety against outsiders.
 *
 * <p>Thread-safe.
 */
public final class RequestAuthenticator {
    /** Default freshness window, milliseconds: generous for hosts whose clocks NTP keeps within seconds. */
    public static final long DEFAULT_FRESHNESS_WINDOW_MS = 30_000;
    public static final int MAX_REMEMBERED_NONCES = 10_000;

    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{" + 2 * PushSignature.NONCE_BYTES + "}");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-fA-F]{64}");

    private record Seen(String nonce, long timestampMs) {
    }

    private final long freshnessWindowMs;
    private final Set<String> nonces = new HashSet<>();
    private final Deque<Seen> order = new ArrayDeque<>();

    /**
     * @param freshnessWindowMs how far a request's timestamp may be from the agent's wall clock,
     *                          milliseconds, > 0
     */
    public RequestAuthenticator(long freshnessWindowMs) {
        if (freshnessWindowMs <= 0) {
            throw new IllegalArgumentException("freshnessWindowMs must be > 0, was " + freshnessWindowMs);
        }
        this.freshnessWindowMs = freshnessWindowMs;
    }

    /**
     * Checks one request; remembers its nonce if it is accepted.
     *
     * @param key          the current cluster key
     * @param timestamp    the {@code X-FDM-Timestamp} header, or null
     * @param nonce        the {@code X-FDM-Nonce} header, or null
     * @param signature    the {@code X-FDM-Signature} header, or null
     * @param nowWallMs    the agent's wall clock, milliseconds since the epoch
     */
    public synchronized PushVerdict check(byte[] key, String method, String path, String timestamp, String nonce,
                                          String signature, byte[] body, long nowWallMs) {
        if (timestamp == null || nonce == null || signature == null || !NONCE.matcher(nonce).matches()
                || !SIGNATURE.matcher(signature.trim()).matches()) {
            return PushVerdict.MISSING;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return PushVerdict.MISSING;
        }
        if (!PushSignature.matches(PushSignature.request(key, method, path, ts, nonce, body), signature)) {
            return PushVerdict.BAD_SIGNATURE;
        }
        if (Math.abs(nowWallMs - ts) > freshnessWindowMs) {
            return PushVerdict.STALE;
        }
        forgetOlderThan(nowWallMs - freshnessWindowMs);
        if (nonces.contains(nonce)) {
            return PushVerdict.REPLAYED;
        }
        nonces.add(nonce);
        order.addLast(new Seen(nonce, ts));
        while (order.size() > MAX_REMEMBERED_NONCES) {
            nonces.remove(order.removeFirst().nonce());
        }
        return PushVerdict.OK;
    }

    private void forgetOlderThan(long cutoffMs) {
        // Timestamps arrive roughly in order; a late one is dropped when it reaches the head.
        while (!order.isEmpty() && order.peekFirst().timestampMs() < cutoffMs) {
            nonces.remove(order.removeFirst().nonce());
        }
    }
}
