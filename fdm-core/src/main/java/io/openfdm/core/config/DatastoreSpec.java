package io.openfdm.core.config;

/**
 * A shared datastore.
 *
 * @param name the datastore's name as vCenter shows it (also the key VMs use for their home
 *             datastore)
 * @param path the local directory the datastore is mounted at on every host (a datastore whose
 *             directory is missing on a host is inaccessible from that host, not an error)
 */
public record DatastoreSpec(String name, String path) {
}
