package io.openfdm.cli.agents;

/** An admin endpoint did not answer, refused the token, or reported an error. */
public final class AgentCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which agent and what went wrong, one line */
    public AgentCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
