package io.openfdm.core.env;

import java.util.List;
import java.util.Optional;

/**
 * Files on shared datastores, as one host sees them. Paths are relative to the datastore root and
 * use '/' (for example {@code .vSphere-HA/c1/protectedlist}). Implementations: NIO on real
 * directories ({@code datastore-lock}) and an in-memory store with per-host access in the
 * simulator.
 *
 * <p>All methods throw {@link DatastoreIoException} when the datastore is inaccessible from this
 * host or the I/O fails.
 */
public interface DatastoreFiles {
    /** True when the datastore's root directory exists and can be listed from this host. */
    boolean accessible(String datastore);

    /** The whole file, or empty when it does not exist. */
    Optional<byte[]> read(String datastore, String path);

    /**
     * Replaces the file atomically: readers see the old or the new content, never a mix, and a
     * crash at any point leaves one of the two (temp file, fsync, rename, fsync of the directory).
     * Creates missing parent directories.
     */
    void writeAtomic(String datastore, String path, byte[] content);

    /** Deletes the file; false when it did not exist. */
    boolean delete(String datastore, String path);

    /** Names (not paths) of the entries directly in {@code dir}; empty when {@code dir} is missing. */
    List<String> list(String datastore, String dir);
}
