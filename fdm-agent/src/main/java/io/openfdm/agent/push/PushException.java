package io.openfdm.agent.push;

/**
 * A push call failed. {@link #status()} is the HTTP status, 0 when the agent did not answer or its
 * answer was not signed with the cluster key; {@link #currentVersion()} is the agent's version in
 * force when it refused a configuration as not newer (409), else -1.
 */
public final class PushException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final long currentVersion;

    public PushException(int status, long currentVersion, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.currentVersion = currentVersion;
    }

    public int status() {
        return status;
    }

    public long currentVersion() {
        return currentVersion;
    }

    /** The agent did not answer (or its answer could not be trusted): worth retrying later. */
    public boolean unreachable() {
        return status == 0 || status == 503;
    }
}
