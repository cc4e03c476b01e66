package io.openfdm.core.model;

/**
 * VMware HA restart priority (vSphere 6.5+ levels). Higher priorities are restarted first.
 * {@link #DISABLED} VMs are registered on a surviving host but not powered on (VMware behaviour
 * since 6.0, vSphere HA Deepdive, restarting virtual machines).
 */
public enum RestartPriority {
    DISABLED(0),
    LOWEST(1),
    LOW(2),
    MEDIUM(3),
    HIGH(4),
    HIGHEST(5);

    private final int rank;

    RestartPriority(int rank) {
        this.rank = rank;
    }

    /** 0 for disabled up to 5 for highest; a larger rank restarts earlier. */
    public int rank() {
        return rank;
    }

    /** Parses a name case-insensitively ({@code "high"}, {@code "HIGH"}). */
    public static RestartPriority parse(String text) {
        return RestartPriority.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
