package io.openfdm.agent.admin;

/**
 * An admin call failed. The message is one line for a person ("agent at 127.0.0.11:8190 not
 * answering", "token rejected by agent at ...", "unknown VM vm-9").
 */
public final class AdminClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * @param status the HTTP status the agent answered, or 0 when it did not answer
     */
    public AdminClientException(int status, String message) {
        super(message);
        this.status = status;
    }

    public AdminClientException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when the agent did not answer (or the token file is missing). */
    public int status() {
        return status;
    }
}
