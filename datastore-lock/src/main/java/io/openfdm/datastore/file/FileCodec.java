package io.openfdm.datastore.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.openfdm.datastore.json.FdmJson;

import java.io.IOException;
import java.util.Objects;

/**
 * Turns one record type into checksummed datastore files and back: JSON through
 * {@link FdmJson#mapper()}, wrapped in a {@link ChecksummedFile} envelope of a fixed kind.
 *
 * <p>Immutable and thread-safe; keep one per type as a constant (for example
 * {@code LeaseRecord.CODEC}).
 *
 * @param <T> the record type
 */
public final class FileCodec<T> {
    private final String kind;
    private final Class<T> type;

    /**
     * @param kind the envelope kind ({@code [A-Za-z0-9_-]{1,64}})
     * @param type the class Jackson binds the body to
     * @throws IllegalArgumentException for a bad kind
     */
    public FileCodec(String kind, Class<T> type) {
        ChecksummedFile.checkKind(kind);
        this.kind = kind;
        this.type = Objects.requireNonNull(type, "type");
    }

    public String kind() {
        return kind;
    }

    /**
     * @return the complete file content
     * @throws IllegalArgumentException if Jackson cannot serialise the value (a programming error)
     */
    public byte[] encode(T value) {
        Objects.requireNonNull(value, "value");
        try {
            return ChecksummedFile.encode(kind, FdmJson.mapper().writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Verifies the envelope and binds the JSON. Never throws on bad input: an envelope problem,
     * JSON that does not parse, or JSON that does not bind to the type (missing or invalid fields
     * rejected by the record's constructor) is {@link Result.Corrupt}.
     */
    public Result<T> decode(byte[] data) {
        Decoded decoded = ChecksummedFile.decode(kind, data);
        if (decoded instanceof Decoded.Corrupt corrupt) {
            return new Result.Corrupt<>(corrupt.reason());
        }
        byte[] body = ((Decoded.Ok) decoded).body();
        try {
            T value = FdmJson.mapper().readValue(body, type);
            if (value == null) {
                return new Result.Corrupt<>("JSON body is null");
            }
            return new Result.Valid<>(value);
        } catch (IOException | RuntimeException e) {
            return new Result.Corrupt<>("JSON does not bind to " + type.getSimpleName() + ": " + firstLine(e));
        }
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
