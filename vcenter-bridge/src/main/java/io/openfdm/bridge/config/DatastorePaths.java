package io.openfdm.bridge.config;

import java.util.Optional;

/**
 * The local directory an agent reaches a datastore at, from the datastore's {@code summary.url}.
 * An ESXi host mounts every datastore at {@code /vmfs/volumes/<uuid>}, which vCenter reports as
 * {@code ds:///vmfs/volumes/<uuid>/}; vcsim backs each datastore with a real directory and reports
 * its plain path, so agents lock {@code .vSphere-HA/} in the very directory vCenter names.
 */
public final class DatastorePaths {
    private DatastorePaths() {
    }

    /**
     * {@code ds:///vmfs/volumes/u/} and {@code file:///vmfs/volumes/u/} give {@code /vmfs/volumes/u};
     * an absolute path is kept (without a trailing '/'); anything else (an {@code http} URL, a
     * relative path, empty) has no local path.
     */
    public static Optional<String> localPath(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String path = url.trim();
        for (String scheme : new String[] {"ds://", "file://"}) {
            if (path.startsWith(scheme)) {
                path = path.substring(scheme.length());
                break;
            }
        }
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return Optional.of(path);
    }
}
