package io.openfdm.hostd.sim;

import io.openfdm.datastore.file.AtomicFiles;
import io.openfdm.datastore.file.ChecksummedFile;
import io.openfdm.datastore.file.Decoded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link PowerStateStore} in a local file, written with {@link AtomicFiles} inside a
 * {@link ChecksummedFile} envelope of kind {@code powerstate}. A file that is corrupt or unreadable
 * is never trusted: {@link #load()} returns empty (the hypervisor then boots with every VM off, as
 * after a crash) and {@link #loadProblem()} says why.
 */
public final class FilePowerStateStore implements PowerStateStore {
    /** Envelope kind of the file. */
    public static final String KIND = "powerstate";

    private final Path file;
    private volatile String problem;

    public FilePowerStateStore(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public Optional<byte[]> load() {
        problem = null;
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            problem = "power-state file " + file + " unreadable (" + e + ")";
            return Optional.empty();
        }
        Decoded decoded = ChecksummedFile.decode(KIND, data);
        if (decoded instanceof Decoded.Corrupt c) {
            problem = "power-state file " + file + " is corrupt (" + c.reason() + ")";
            return Optional.empty();
        }
        return Optional.of(((Decoded.Ok) decoded).body());
    }

    @Override
    public void save(byte[] content) {
        try {
            AtomicFiles.write(file, ChecksummedFile.encode(KIND, content));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save power state to " + file, e);
        }
    }

    @Override
    public Optional<String> loadProblem() {
        return Optional.ofNullable(problem);
    }
}
