package io.openfdm.bridge.inventory;

/**
 * A datastore as vCenter reports it.
 *
 * @param moid vCenter's MOID ({@code datastore-12}; vcsim uses the backing path)
 * @param name display name, e.g. {@code LocalDS_0}
 * @param url  {@code summary.url}: {@code ds:///vmfs/volumes/<uuid>/}, {@code file:///...}, or (vcsim)
 *             a plain directory path
 */
public record DatastoreRecord(String moid, String name, String url) {
}
