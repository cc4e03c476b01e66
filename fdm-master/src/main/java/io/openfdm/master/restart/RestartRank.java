package io.openfdm.master.restart;

import io.openfdm.core.model.RestartClass;
import io.openfdm.core.model.RestartPriority;

import java.util.Locale;

/**
 * A VM's place in the restart order as one number: a larger rank restarts earlier. Pure.
 *
 * <p>vSphere HA restarts agent VMs first, then FT secondary VMs, then the other VMs by restart
 * priority (vSphere HA Deepdive, "Restart Priority and Order"; reference sheet §2 [DD]). So the
 * rank is {@code precedence x 6 + priority rank}: ordinary VMs keep their priority's rank 0..5,
 * FT secondaries get 6..11 and agent VMs 12..17. Within one class, priorities still order. A VM
 * with restart priority {@code disabled} is only registered, never powered on, so it has rank 0
 * whatever its class: it takes no place in the power-on order and holds no one back.
 *
 * <p>{@link RestartOrder} compares these ranks, so everything it says about priorities (readiness,
 * post-ready delay, ready timeout, dependencies on a lower rank ignored) holds between the classes
 * too: with a ready condition, an ordinary VM waits until the agent VMs being restarted are ready.
 */
public final class RestartRank {
    /** Ranks per class: the six restart priorities. */
    private static final int PER_CLASS = RestartPriority.values().length;

    private RestartRank() {
    }

    /** The rank of a VM of this class and priority, 0 (disabled) .. 17 (an agent VM of priority highest). */
    public static int of(RestartClass restartClass, RestartPriority priority) {
        if (priority.rank() == 0) {
            return 0;
        }
        return restartClass.precedence() * PER_CLASS + priority.rank();
    }

    /**
     * How a journal line names a rank: {@code priority high} for an ordinary VM (as before classes
     * existed), {@code agent VM, priority lowest} or {@code FT secondary, priority high} for the others.
     */
    public static String describe(int rank) {
        int r = Math.max(0, rank);
        int precedence = Math.min(2, r / PER_CLASS);
        String priority = "priority " + RestartPriority.values()[r - precedence * PER_CLASS].name().toLowerCase(Locale.ROOT);
        return switch (precedence) {
            case 2 -> "agent VM, " + priority;
            case 1 -> "FT secondary, " + priority;
            default -> priority;
        };
    }
}
