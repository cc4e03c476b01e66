package io.openfdm.bridge.vcenter;

/** Logs in to vCenter. */
@FunctionalInterface
public interface VcenterConnector {
    /**
     * @throws VcenterUnavailableException vCenter cannot be reached (retry later)
     * @throws VcenterLoginException       the credentials are refused (retrying will not help)
     */
    VcenterSession connect();
}
