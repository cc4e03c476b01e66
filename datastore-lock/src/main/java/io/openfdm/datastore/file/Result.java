package io.openfdm.datastore.file;

/**
 * Outcome of {@link FileCodec#decode}: a bound value, or why the file was rejected.
 *
 * @param <T> the decoded type
 */
public sealed interface Result<T> permits Result.Valid, Result.Corrupt {
    /** @param value the decoded value, never null */
    record Valid<T>(T value) implements Result<T> {
    }

    /** @param reason envelope or JSON problem, for logs and status */
    record Corrupt<T>(String reason) implements Result<T> {
    }
}
