package io.openfdm.cli.cluster;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The last lines of an agent log, to explain in one glance why an agent did not come up. */
public final class LogTail {
    /** Bytes read from the end of the file at most. */
    private static final int MAX_BYTES = 8192;
    /** Stack frames and "... 3 more" say little at a glance; exception lines ("Caused by: ...") stay. */
    private static final Pattern STACK_FRAME = Pattern.compile("\\s+(at |\\.\\.\\. \\d+ more).*");

    private LogTail() {
    }

    /** Up to {@code lines} last non-blank lines of {@code file}, stack frames left out; empty if it is missing or unreadable. */
    public static List<String> of(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, f.length() - MAX_BYTES);
            byte[] buf = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(buf);
            List<String> all = Arrays.stream(new String(buf, StandardCharsets.UTF_8).split("\n"))
                    .map(String::stripTrailing).filter(s -> !s.isBlank())
                    .filter(s -> !STACK_FRAME.matcher(s).matches()).toList();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
