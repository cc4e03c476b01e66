package io.openfdm.agent.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The admin endpoint's bearer token: 32 random bytes as 64 lowercase hex digits, in
 * {@code <stateDir>/admin.token} (one line). A new token is made at every agent start, so a token
 * leaked from an earlier run is worthless.
 *
 * <p>The file is created with mode 0600 (owner read/write) at creation, never widened and then
 * narrowed: it is written to {@code admin.token.tmp} created with those permissions, then renamed
 * over {@code admin.token}, so no reader ever sees a partial or world-readable token.
 */
public final class AdminToken {
    /** File name inside the state directory. */
    public static final String FILE_NAME = "admin.token";
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminToken() {
    }

    /** {@code <stateDir>/admin.token}. */
    public static Path file(Path stateDir) {
        return stateDir.resolve(FILE_NAME);
    }

    /**
     * Makes a new token and writes it to {@link #file}, replacing an old one.
     *
     * @return the token, 64 hex digits
     * @throws UncheckedIOException if the file cannot be written
     */
    public static String create(Path stateDir) {
        byte[] raw = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(raw);
        String token = HexFormat.of().formatHex(raw);
        Path target = file(stateDir);
        Path tmp = stateDir.resolve(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(stateDir);
            Files.deleteIfExists(tmp);
            Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileAttribute<?>[] attrs = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            try (FileChannel ch = FileChannel.open(tmp, options, attrs)) {
                ByteBuffer buf = ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.US_ASCII));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write admin token " + target + ": " + e.getMessage(), e);
        }
        return token;
    }

    /**
     * Reads the token of the agent whose state directory this is.
     *
     * @throws AdminClientException if the file is missing (the agent never ran there) or unreadable
     */
    public static String read(Path stateDir) {
        Path f = file(stateDir);
        try {
            return Files.readString(f, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            throw new AdminClientException(0, "no admin token at " + f + ": has the agent started with this state directory?");
        } catch (IOException e) {
            throw new AdminClientException(0, "cannot read admin token " + f + ": " + e.getMessage());
        }
    }
}
