package io.openfdm.bridge.config;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A cluster's FDM identity, created when HA is first enabled and kept across disable/enable.
 *
 * @param clusterId names {@code .vSphere-HA/<clusterId>/} on every datastore
 * @param keyHex    the cluster key: 32 random bytes, hex; authenticates the agents' UDP messages
 *                  and the bridge's pushes
 */
public record ClusterIdentity(String clusterId, String keyHex) {
    /** Bytes of a new cluster key (HMAC-SHA256 wants at least its output size, 32). */
    public static final int KEY_BYTES = 32;

    /**
     * A new identity. The id follows FDM's folder names ({@code .vSphere-HA/FDM-<vCenter uuid>-<cluster
     * number>-...}): the first 8 hex digits of vCenter's instance UUID, the number of the cluster's
     * MOID ({@code domain-c7} gives 7), and 8 random hex digits, so re-creating a cluster never
     * reuses the folders of an older one.
     */
    public static ClusterIdentity create(String vcenterUuid, String clusterMoid, SecureRandom random) {
        String uuidHex = vcenterUuid == null ? "" : vcenterUuid.replaceAll("[^0-9a-fA-F]", "").toLowerCase(Locale.ROOT);
        String prefix = uuidHex.length() >= 8 ? uuidHex.substring(0, 8) : "vcenter";
        String number = clusterMoid.replaceAll("^.*?(\\d+)$", "$1");
        if (!number.matches("\\d+")) {
            number = clusterMoid.replaceAll("[^A-Za-z0-9._-]", "_");
        }
        byte[] tag = new byte[4];
        random.nextBytes(tag);
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return new ClusterIdentity(prefix + "-" + number + "-" + HexFormat.of().formatHex(tag), HexFormat.of().formatHex(key));
    }
}
