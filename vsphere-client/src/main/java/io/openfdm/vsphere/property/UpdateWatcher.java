package io.openfdm.vsphere.property;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectUpdate;
import com.vmware.vim25.PropertyChange;
import com.vmware.vim25.PropertyFilterUpdate;
import com.vmware.vim25.UpdateSet;
import com.vmware.vim25.WaitOptions;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.VsphereException;
import io.openfdm.vsphere.soap.PlainValues;
import io.openfdm.vsphere.soap.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches objects for changes with {@code WaitForUpdatesEx}, not by polling (vSphere Web Services
 * SDK Programming Guide, "Client Data Synchronization"). Set-up, on the first call and again after
 * a re-login: a private PropertyCollector ({@code CreatePropertyCollector}, so this watch does not
 * disturb other filters of the session), a {@code ContainerView} over {@code container} for the
 * query's types, and one {@code CreateFilter} on it. Each {@link #waitForUpdates} then sends one
 * {@code WaitForUpdatesEx(version, maxWaitSeconds)}; the server answers as soon as something
 * changed, or with nothing after {@code maxWaitSeconds}.
 *
 * <p>Use from one thread; {@link #cancel()} and {@link #close()} may come from another.
 */
public final class UpdateWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateWatcher.class);

    private final Session session;
    private final MoRef container;
    private final PropertyQuery query;
    private volatile Watch watch;
    private String version = "";
    private boolean resyncPending = true;
    private volatile boolean closed;

    private record Watch(ManagedObjectReference collector, ManagedObjectReference view, long epoch) {
    }

    /**
     * @param container where to watch (the root folder for the whole inventory, a cluster, ...)
     * @param query     the types and properties to watch
     */
    public UpdateWatcher(Session session, MoRef container, PropertyQuery query) {
        this.session = session;
        this.container = container;
        this.query = query;
    }

    /**
     * Waits up to {@code maxWaitSeconds} for changes.
     *
     * @param maxWaitSeconds the longest the server may hold the answer back (&gt;= 0; 0 checks and
     *                       returns at once); the HTTP read timeout of this call is this plus the
     *                       endpoint's read timeout
     * @throws VsphereException on failure (the next call sets the watch up again if needed)
     */
    public UpdateBatch waitForUpdates(int maxWaitSeconds) {
        if (maxWaitSeconds < 0) {
            throw new IllegalArgumentException("maxWaitSeconds must be >= 0, was " + maxWaitSeconds);
        }
        if (closed) {
            throw new IllegalStateException("watcher closed");
        }
        Watch w = watch;
        if (w == null || w.epoch() != session.epoch()) {
            w = setUp();
        }
        WaitOptions options = new WaitOptions();
        options.setMaxWaitSeconds(maxWaitSeconds);
        int readTimeoutMs = (int) Math.min(Integer.MAX_VALUE,
                maxWaitSeconds * 1000L + session.endpoint().readTimeoutMs());
        Watch current = w;
        String from = version;
        UpdateSet set;
        try {
            set = session.callWithReadTimeout("WaitForUpdatesEx", readTimeoutMs, (vim, sc) ->
                    vim.waitForUpdatesEx(current.collector(), from, options));
        } catch (VsphereException e) {
            if (e.faultName().equals("InvalidCollectorVersion") || e.kind() == VsphereException.Kind.NOT_FOUND
                    || session.epoch() != current.epoch()) {
                // The collector or its version is gone: start over with a full resync next time.
                watch = null;
                version = "";
                resyncPending = true;
            }
            throw e;
        }
        boolean resync = resyncPending;
        resyncPending = false;
        if (set == null) {
            return new UpdateBatch(version, resync, false, List.of());
        }
        version = set.getVersion();
        List<ObjectChange> changes = new ArrayList<>();
        if (set.getFilterSet() != null) {
            for (PropertyFilterUpdate f : set.getFilterSet()) {
                if (f.getObjectSet() != null) {
                    for (ObjectUpdate u : f.getObjectSet()) {
                        changes.add(change(u));
                    }
                }
            }
        }
        return new UpdateBatch(version, resync, Boolean.TRUE.equals(set.getTruncated()), changes);
    }

    private static ObjectChange change(ObjectUpdate u) {
        Map<String, Object> set = new HashMap<>();
        Set<String> removed = new HashSet<>();
        if (u.getChangeSet() != null) {
            for (PropertyChange c : u.getChangeSet()) {
                String op = String.valueOf(c.getOp());
                Object v = PlainValues.plain(c.getVal());
                if (op.equals("remove") || op.equals("indirectRemove") || v == null) {
                    removed.add(c.getName());
                } else {
                    set.put(c.getName(), v);
                }
            }
        }
        ObjectChange.Kind kind = switch (String.valueOf(u.getKind())) {
            case "enter" -> ObjectChange.Kind.ENTER;
            case "leave" -> ObjectChange.Kind.LEAVE;
            default -> ObjectChange.Kind.MODIFY;
        };
        return new ObjectChange(Session.moRef(u.getObj()), kind, set, removed);
    }

    private Watch setUp() {
        long epoch = session.epoch();
        ManagedObjectReference collector = session.call("CreatePropertyCollector", (vim, sc) ->
                vim.createPropertyCollector(sc.getPropertyCollector()));
        ManagedObjectReference view = session.call("CreateContainerView " + query.types(), (vim, sc) ->
                vim.createContainerView(sc.getViewManager(), Session.mor(container), query.types().toArray(String[]::new),
                        true));
        session.call("CreateFilter", (vim, sc) ->
                vim.createFilter(collector, FilterSpecs.overView(view, query), false));
        version = "";
        resyncPending = true;
        Watch w = new Watch(collector, view, epoch);
        watch = w;
        return w;
    }

    /** Makes a {@link #waitForUpdates} running in another thread return early ({@code CancelWaitForUpdates}). */
    public void cancel() {
        Watch w = watch;
        if (w != null) {
            try {
                session.call("CancelWaitForUpdates", (vim, sc) -> {
                    vim.cancelWaitForUpdates(w.collector());
                    return null;
                });
            } catch (VsphereException e) {
                LOG.debug("CancelWaitForUpdates failed: {}", e.getMessage());
            }
        }
    }

    /** Destroys the collector (and with it the filter) and the view, best effort. Idempotent. */
    @Override
    public void close() {
        closed = true;
        Watch w = watch;
        watch = null;
        if (w == null || w.epoch() != session.epoch()) {
            return;
        }
        try {
            session.call("DestroyPropertyCollector", (vim, sc) -> {
                vim.destroyPropertyCollector(w.collector());
                return null;
            });
            session.call("DestroyView", (vim, sc) -> {
                vim.destroyView(w.view());
                return null;
            });
        } catch (VsphereException e) {
            LOG.debug("closing the update watch failed: {}", e.getMessage());
        }
    }
}
