package io.openfdm.sim.host;

import io.openfdm.sim.scenario.Command.CrashPoint;

/**
 * An armed {@code crash-at}: counts the host's datastore writes (writes and deletes) or sends
 * from the moment it was armed and strikes at the k-th.
 */
final class CrashTrigger {
    final CrashPoint point;
    final int k;
    final boolean powerLoss;
    final long restartDelayMs;
    private int count;

    CrashTrigger(CrashPoint point, int k, boolean powerLoss, long restartDelayMs) {
        this.point = point;
        this.k = k;
        this.powerLoss = powerLoss;
        this.restartDelayMs = restartDelayMs;
    }

    /** Counts one write; true when this write is the k-th and the trigger watches writes. */
    boolean onWrite() {
        return point != CrashPoint.SEND && ++count == k;
    }

    /** Counts one send; true when this send is the k-th and the trigger watches sends. */
    boolean onSend() {
        return point == CrashPoint.SEND && ++count == k;
    }
}
