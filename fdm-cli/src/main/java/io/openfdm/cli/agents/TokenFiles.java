package io.openfdm.cli.agents;

import io.openfdm.cli.CliException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads an agent's admin token: the file {@code <stateDir>/admin.token} (mode 0600) the agent
 * writes at startup, one line of text; surrounding whitespace is ignored.
 */
public final class TokenFiles {
    private TokenFiles() {
    }

    /**
     * The token, or empty when the file does not exist or is blank (the agent has not written it yet).
     *
     * @throws CliException (failed) if the file exists but cannot be read (e.g. wrong owner)
     */
    public static Optional<String> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            throw CliException.failed("cannot read admin token " + file + ": " + e);
        }
    }
}
