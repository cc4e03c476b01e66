package io.openfdm.core.status;

/**
 * @param name            datastore name
 * @param accessible      reachable from this host
 * @param leaseOwner      MOID of the host holding the protectedlist lease, or empty
 * @param leaseGeneration fencing generation of that lease, 0 if none
 * @param heldByThisHost  this host holds the lease and may act on the datastore
 * @param protectedVms    entries in its protectedlist (known only to the lease holder, else -1)
 */
public record DatastoreStatus(String name, boolean accessible, String leaseOwner, long leaseGeneration,
                              boolean heldByThisHost, int protectedVms) {
}
