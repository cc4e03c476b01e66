package io.openfdm.core.status;

/**
 * @param vm            MOID
 * @param name          display name
 * @param host          host it runs on (or last ran on)
 * @param power         {@code poweredOn} or {@code poweredOff}
 * @param protectedByHa in a protectedlist
 * @param priority      restart priority
 * @param homeDatastore home datastore
 * @param restartState  {@code none}, {@code pending} (waiting for the report gate),
 *                      {@code pending-placement} (no host can take it; retried when capacity
 *                      appears, not counted as an attempt), {@code waiting-readiness} (held back by
 *                      restart orchestration), {@code requested}, {@code waiting-retry},
 *                      {@code failed}
 * @param attempts      restart attempts so far (carried over a change of master)
 * @param nextAttemptWallMs wall-clock ms (Unix epoch) of the next attempt while
 *                      {@code waiting-retry}, 0 otherwise
 * @param lastError     the last failed attempt's error, "" when none
 */
public record VmStatus(String vm, String name, String host, String power, boolean protectedByHa,
                       String priority, String homeDatastore, String restartState, int attempts,
                       Long nextAttemptWallMs, String lastError) {

    public VmStatus {
        // Boxed so that the status of an older agent, without these fields, still reads.
        nextAttemptWallMs = nextAttemptWallMs == null ? 0L : nextAttemptWallMs;
        lastError = lastError == null ? "" : lastError;
    }

    /** A status with no scheduled attempt and no error. */
    public VmStatus(String vm, String name, String host, String power, boolean protectedByHa,
                    String priority, String homeDatastore, String restartState, int attempts) {
        this(vm, name, host, power, protectedByHa, priority, homeDatastore, restartState, attempts, 0L, "");
    }
}
