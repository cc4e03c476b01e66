package io.openfdm.datastore.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * Crash-safe whole-file replacement on a local or shared (NFS, VMFS-like) file system.
 *
 * <p>{@link #write} writes a temporary file {@code .tmp-<name>-<random>} in the target's own
 * directory, forces it to disk ({@link FileChannel#force(boolean) force(true)}), renames it over the
 * target with {@code ATOMIC_MOVE}, then forces the directory so the rename itself is durable. A
 * crash at any point leaves either the old or the new content under the target name, never a mix;
 * at worst a stray {@code .tmp-} file remains, which every reader and listing ignores
 * ({@link #isTemp(String)}).
 *
 * <p>Directory fsync is best effort: some platforms refuse to open or force a directory, and that
 * {@link IOException} is ignored (the rename is still atomic, only its durability after a power
 * loss is weaker there).
 */
public final class AtomicFiles {
    /** Name prefix of temporary files; such entries are never real data. */
    public static final String TEMP_PREFIX = ".tmp-";

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** True for a name written by {@link #write} as a temporary file. */
    public static boolean isTemp(String fileName) {
        return fileName.startsWith(TEMP_PREFIX);
    }

    /**
     * Replaces {@code file} with {@code content} atomically and durably, creating missing parent
     * directories (each new directory is made durable in its parent too).
     *
     * @throws IOException if any step fails; the target then still holds its old content (or is
     *                     still missing), and the temporary file has been removed when possible
     */
    public static void write(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null) {
            throw new IOException("no parent directory for " + file);
        }
        createDirectoriesDurably(dir);
        Path temp = dir.resolve(TEMP_PREFIX + target.getFileName() + "-" + randomSuffix());
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        syncDirectory(dir);
    }

    /**
     * Deletes {@code file} if present and makes the deletion durable (directory fsync, best effort).
     *
     * @return false when the file did not exist
     * @throws IOException if the deletion fails (for example a non-empty directory)
     */
    public static boolean delete(Path file) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        Path dir = file.toAbsolutePath().getParent();
        if (deleted && dir != null) {
            syncDirectory(dir);
        }
        return deleted;
    }

    /** Forces a directory's entries to disk; ignores platforms that refuse (see class comment). */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // Windows and some network file systems cannot open or force a directory.
        }
    }

    private static void createDirectoriesDurably(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.push(p);
        }
        Files.createDirectories(dir);
        for (Path created : missing) {
            Path parent = created.getParent();
            if (parent != null) {
                syncDirectory(parent);
            }
        }
    }

    private static String randomSuffix() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
