package io.openfdm.cli;

/** Exit statuses of every {@code fdm} command. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** An agent was unreachable, or an operation failed (a VM not restarted in time, ...). */
    public static final int ERROR = 1;
    /** Bad command line or bad configuration (the same status the agent exits with on a bad config). */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
