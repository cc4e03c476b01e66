package io.openfdm.agent.push;

/** Why {@link RequestAuthenticator} accepted or refused a signed request. */
public enum PushVerdict {
    /** Signed under the current cluster key, fresh, not seen before. */
    OK("ok"),
    /** A signature header is missing or malformed. */
    MISSING("unsigned"),
    /** The signature does not match under the current cluster key. */
    BAD_SIGNATURE("badSignature"),
    /** The timestamp is outside the freshness window. */
    STALE("stale"),
    /** The nonce was already used within the window. */
    REPLAYED("replayed");

    private final String key;

    PushVerdict(String key) {
        this.key = key;
    }

    /** The counter suffix, e.g. {@code push.rejected.stale}. */
    public String key() {
        return key;
    }
}
