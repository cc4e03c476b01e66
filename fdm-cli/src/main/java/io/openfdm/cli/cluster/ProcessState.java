package io.openfdm.cli.cluster;

/** What became of a local host's agent process. */
public enum ProcessState {
    /** The recorded pid is alive and runs this host's agent. */
    RUNNING("running"),
    /** Killed with SIGKILL by {@code fdm cluster kill-host} (a simulated host crash). */
    KILLED("killed"),
    /** Stopped by {@code fdm cluster down}. */
    STOPPED("stopped"),
    /** Gone without us stopping it: it crashed or exited (see its agent.log). */
    EXITED("exited"),
    /** Never started. */
    NOT_STARTED("not started");

    private final String label;

    ProcessState(String label) {
        this.label = label;
    }

    /** Lower-case text for tables. */
    public String label() {
        return label;
    }
}
