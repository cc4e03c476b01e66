package io.openfdm.master;

import io.openfdm.core.journal.EventKind;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.HostState;

import java.util.Optional;

/**
 * What a host's administrative mode (maintenance, standby) means to the master, after VMware's
 * documented behaviour (vSphere HA Deepdive; reference sheet §1):
 * <ul>
 *   <li>the master learns the mode from the host's {@code SlaveHeartbeat} and journals each change;</li>
 *   <li>a host out of service is never a restart target;</li>
 *   <li>a host that goes down while out of service has not failed (a standby host powered off by
 *       DPM, a host shut down for maintenance): the VMs it still ran are not restarted, and the
 *       master unprotects them, as it does a VM a user powered off.</li>
 * </ul>
 * The master's own host never is out of service: a master entering either mode resigns first.
 */
final class HostModeRules {
    private HostModeRules() {
    }

    /**
     * Records the mode a heartbeat carried.
     *
     * @return the journal entry when the mode changed
     */
    static Optional<MasterAction.Journal> heard(HostRecord rec, HostMode mode) {
        if (mode == rec.mode) {
            return Optional.empty();
        }
        HostMode previous = rec.mode;
        rec.mode = mode;
        String text = mode.inService()
                ? rec.id() + " left " + previous.displayName() + " mode: a restart target and master candidate again"
                : rec.id() + " is in " + mode.displayName() + " mode: not a restart target, not a master candidate;"
                        + " its VMs are not restarted if it goes down";
        return Optional.of(new MasterAction.Journal(EventKind.HOST_MODE_CHANGED, text, rec.id().moid(), -1));
    }

    /** Whether restarts may be placed on this host. */
    static boolean restartTarget(HostRecord rec) {
        return rec.mode.inService();
    }

    /**
     * Whether the host is in maintenance or standby mode, as last heard: if it is down (or rebooted
     * without its VMs), its VMs are left alone.
     */
    static boolean outOfService(HostRecord rec) {
        return rec != null && !rec.mode.inService();
    }

    /** The journal text for a host whose state changes to {@code next}: rewords "dead" for a host out of service. */
    static String describe(HostRecord rec, HostState next, String message) {
        if (next == HostState.HOST_DOWN && !rec.mode.inService()) {
            return rec.id() + " is down in " + rec.mode.displayName() + " mode: not a failure, its VMs are not restarted";
        }
        return message;
    }
}
