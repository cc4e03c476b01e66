package io.openfdm.cli;

/**
 * A command failed in a way the user can act on. {@link Fdm} prints {@code fdm: <message>} to
 * stderr (no stack trace) and exits with {@link #exitCode()}.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    /**
     * @param exitCode one of {@link ExitCodes}
     * @param message  one or more lines, without the {@code fdm: } prefix
     */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A usage or configuration error (exit status 2). */
    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    /** An agent was unreachable or an operation failed (exit status 1). */
    public static CliException failed(String message) {
        return new CliException(ExitCodes.ERROR, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
