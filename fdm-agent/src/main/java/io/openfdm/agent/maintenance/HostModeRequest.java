package io.openfdm.agent.maintenance;

import io.openfdm.core.model.HostMode;

/**
 * An operator's request to enter or exit maintenance or standby mode ({@code fdm host
 * maintenance|standby enter|exit}), judged against the host's current mode. Pure.
 *
 * <p>Rules: entering the mode the host is in, or exiting when it is in service, changes nothing
 * (the request is idempotent). A host in one of the two modes must exit it before entering the
 * other, and cannot exit the mode it is not in (vSphere: a host in standby is powered off and
 * cannot enter maintenance mode; exiting maintenance mode does not wake a standby host).
 *
 * @param mode  {@link HostMode#MAINTENANCE} or {@link HostMode#STANDBY}
 * @param enter true to enter the mode, false to exit it
 */
public record HostModeRequest(HostMode mode, boolean enter) {
    public HostModeRequest {
        if (mode == null || mode.inService()) {
            throw new IllegalArgumentException("mode must be maintenance or standby, was " + mode);
        }
    }

    /** What the request means for a host now in {@code current}. */
    public sealed interface Outcome permits Change, Unchanged, Refused {
    }

    /** Switch to {@code target}. */
    public record Change(HostMode target) implements Outcome {
    }

    /** Already there: nothing to do. */
    public record Unchanged(HostMode current) implements Outcome {
    }

    /** Not allowed from the current mode; {@code reason} says why, for a person. */
    public record Refused(String reason) implements Outcome {
    }

    public Outcome judge(HostMode current) {
        if (enter) {
            if (current == mode) {
                return new Unchanged(current);
            }
            if (!current.inService()) {
                return new Refused("the host is in " + current.displayName() + " mode; exit it before entering "
                        + mode.displayName() + " mode");
            }
            return new Change(mode);
        }
        if (current == mode) {
            return new Change(HostMode.NORMAL);
        }
        if (current.inService()) {
            return new Unchanged(current);
        }
        return new Refused("the host is in " + current.displayName() + " mode, not " + mode.displayName() + " mode");
    }

    /** {@code maintenance enter}, for messages. */
    public String text() {
        return mode.displayName() + (enter ? " enter" : " exit");
    }
}
