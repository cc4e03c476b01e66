package io.openfdm.sim.check;

/** A cluster-wide invariant broke; thrown by an {@link Invariant}, wrapped with the seed by the cluster. */
public final class InvariantViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which invariant, and the hosts, VMs or datastores involved */
    public InvariantViolation(String message) {
        super(message);
    }
}
