package io.openfdm.hostd.vsphere;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns a datastore URL as vSphere reports it ({@code Datastore.summary.url} / {@code info.url})
 * into the local directory an agent on the host reads and writes {@code .vSphere-HA/} in.
 *
 * <ul>
 *   <li>{@code ds:///vmfs/volumes/5f1c.../} (vCenter, ESXi): the path after {@code ds://}, which is
 *       where ESXi mounts the datastore;</li>
 *   <li>{@code file:///...}: the file URI's path;</li>
 *   <li>an absolute path (vcsim reports its datastores' real temporary directories this way): as it is.</li>
 * </ul>
 * Anything else (a relative path, another scheme) has no local path; the agent configuration's
 * {@code vsphere.datastorePaths} then has to name it.
 */
public final class DatastoreUrls {
    private DatastoreUrls() {
    }

    /** True when {@code text} is a datastore URL rather than a plain path ({@code ds://}, {@code file://}). */
    public static boolean isUrl(String text) {
        return text != null && (text.startsWith("ds://") || text.startsWith("file://"));
    }

    public static Optional<Path> localPath(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        if (url.startsWith("ds://")) {
            String rest = url.substring("ds://".length());
            return rest.startsWith("/") ? Optional.of(Path.of(rest).normalize()) : Optional.empty();
        }
        if (url.startsWith("file://")) {
            try {
                return Optional.of(Path.of(URI.create(url)).normalize());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (url.startsWith("/")) {
            return Optional.of(Path.of(url).normalize());
        }
        return Optional.empty();
    }
}
