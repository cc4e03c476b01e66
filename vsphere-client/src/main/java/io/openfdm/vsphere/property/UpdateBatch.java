package io.openfdm.vsphere.property;

import java.util.List;
import java.util.Objects;

/**
 * One answer of {@link UpdateWatcher#waitForUpdates}.
 *
 * @param version   the collector version after this batch (the next call continues from it)
 * @param resync    true when the watch started over (first call, re-login, or an
 *                  {@code InvalidCollectorVersion}): {@code changes} then holds every object as
 *                  {@code ENTER}, and objects seen before but not entered again are gone
 * @param truncated true when the server returned only part of the pending updates
 *                  ({@code UpdateSet.truncated}); call again at once for the rest
 * @param changes   the object changes, empty when {@code maxWaitSeconds} passed without any
 */
public record UpdateBatch(String version, boolean resync, boolean truncated, List<ObjectChange> changes) {
    public UpdateBatch {
        Objects.requireNonNull(version, "version");
        changes = List.copyOf(changes);
    }
}
