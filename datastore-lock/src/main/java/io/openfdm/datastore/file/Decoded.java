package io.openfdm.datastore.file;

/**
 * Outcome of {@link ChecksummedFile#decode}: the verified body, or why the bytes were rejected.
 * Corruption is an ordinary value, never an exception.
 */
public sealed interface Decoded permits Decoded.Ok, Decoded.Corrupt {
    /**
     * The envelope was intact.
     *
     * @param body exactly the bytes covered by the header's length and SHA-256 (note: a record
     *             holding an array compares by identity)
     */
    record Ok(byte[] body) implements Decoded {
    }

    /** @param reason what was wrong, for logs and status (for example {@code "checksum mismatch"}) */
    record Corrupt(String reason) implements Decoded {
    }
}
