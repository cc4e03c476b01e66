package io.openfdm.agent.runtime;

import io.openfdm.agent.config.AgentConfig;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.hostd.vsphere.DatastoreUrls;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local directory of each cluster datastore on this host, in this order of precedence:
 * <ol>
 *   <li>the agent's {@code vsphere.datastorePaths} entry for the datastore's name;</li>
 *   <li>a datastore URL as vSphere reports it ({@code ds:///vmfs/volumes/...}, {@code file:///...})
 *       in the cluster configuration's {@code path}, turned into its local path by
 *       {@link DatastoreUrls};</li>
 *   <li>the configuration's {@code path} as a directory.</li>
 * </ol>
 */
final class DatastoreRoots {
    private DatastoreRoots() {
    }

    /**
     * @throws ConfigException on {@code cluster.datastores[i].path} for a URL without a local path
     *                         and no {@code vsphere.datastorePaths} entry
     */
    static Map<String, Path> of(ClusterConfig config, AgentConfig agent) {
        Map<String, Path> overrides = agent.vsphere() == null ? Map.of() : agent.vsphere().datastorePaths();
        Map<String, Path> roots = new LinkedHashMap<>();
        List<DatastoreSpec> specs = config.datastores();
        for (int i = 0; i < specs.size(); i++) {
            DatastoreSpec d = specs.get(i);
            Path root = overrides.get(d.name());
            if (root == null && DatastoreUrls.isUrl(d.path())) {
                int index = i;
                root = DatastoreUrls.localPath(d.path()).orElseThrow(() -> new ConfigException(
                        "cluster.datastores[" + index + "].path", "the URL " + d.path() + " has no local path; name the "
                        + "directory in the agent's vsphere.datastorePaths." + d.name()));
            }
            roots.putIfAbsent(d.name(), root != null ? root : Path.of(d.path()));
        }
        return roots;
    }
}
