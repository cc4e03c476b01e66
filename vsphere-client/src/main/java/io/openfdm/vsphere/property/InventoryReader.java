package io.openfdm.vsphere.property;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.RetrieveOptions;
import com.vmware.vim25.RetrieveResult;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.VsphereException;
import io.openfdm.vsphere.soap.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads many objects' properties with few API calls, the way vSphere's documentation recommends
 * (vSphere Web Services SDK Programming Guide, "Property Collector"): a {@code ContainerView}
 * over a container (the root folder, a cluster) for the query's types, then
 * {@code RetrievePropertiesEx} on it, one call per page of {@code pageSize} objects, and
 * {@code ContinueRetrievePropertiesEx} with the returned token for further pages.
 *
 * <p>Container views are session objects; this reader creates one per container and type set on
 * first use and keeps it for later reads (a steady poll costs one call per page), recreating it
 * after a re-login or when the server lost it. {@link #close()} destroys them.
 *
 * <p>Thread-safe.
 */
public final class InventoryReader implements AutoCloseable {
    /** Objects per page: vCenter caps a page at its own limit anyway; 1,000 keeps each answer small. */
    public static final int DEFAULT_PAGE_SIZE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(InventoryReader.class);

    private final Session session;
    private final Map<ViewKey, CachedView> views = new ConcurrentHashMap<>();

    private record ViewKey(MoRef container, List<String> types) {
    }

    private record CachedView(ManagedObjectReference view, long epoch) {
    }

    public InventoryReader(Session session) {
        this.session = session;
    }

    /** Every object of the query's types below the root folder, {@link #DEFAULT_PAGE_SIZE} per call. */
    public List<ObjectProperties> readAll(PropertyQuery query) {
        return readAll(Session.moRef(session.content().getRootFolder()), query, DEFAULT_PAGE_SIZE);
    }

    /**
     * Every object of the query's types below {@code container} (recursive).
     *
     * @param pageSize objects per {@code RetrievePropertiesEx} answer (&gt; 0)
     * @throws VsphereException on any failure
     */
    public List<ObjectProperties> readAll(MoRef container, PropertyQuery query, int pageSize) {
        if (pageSize <= 0) {
            throw new IllegalArgumentException("pageSize must be > 0, was " + pageSize);
        }
        ViewKey key = new ViewKey(container, query.types());
        ManagedObjectReference view = view(key);
        try {
            return retrieve(FilterSpecs.overView(view, query), pageSize, "RetrievePropertiesEx " + query.types());
        } catch (VsphereException e) {
            if (e.kind() != VsphereException.Kind.NOT_FOUND) {
                throw e;
            }
            // The view is gone (destroyed on the server or session replaced): recreate once.
            views.remove(key);
            return retrieve(FilterSpecs.overView(view(key), query), pageSize, "RetrievePropertiesEx " + query.types());
        }
    }

    /** The named objects' properties, in one call (objects that no longer exist fail the call with NOT_FOUND). */
    public List<ObjectProperties> read(List<MoRef> objects, PropertyQuery query) {
        if (objects.isEmpty()) {
            return List.of();
        }
        return retrieve(FilterSpecs.overObjects(objects, query), DEFAULT_PAGE_SIZE, "RetrievePropertiesEx " + objects.size()
                + " objects");
    }

    /** One object's properties, or empty if it does not exist. */
    public Optional<ObjectProperties> read(MoRef object, PropertyQuery query) {
        try {
            List<ObjectProperties> found = read(List.of(object), query);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        } catch (VsphereException e) {
            if (e.kind() == VsphereException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private List<ObjectProperties> retrieve(PropertyFilterSpec spec, int pageSize, String what) {
        RetrieveOptions options = new RetrieveOptions();
        options.setMaxObjects(pageSize);
        List<ObjectProperties> out = new ArrayList<>();
        RetrieveResult page = session.call(what, (vim, sc) ->
                vim.retrievePropertiesEx(sc.getPropertyCollector(), new PropertyFilterSpec[] {spec}, options));
        while (page != null) {
            if (page.getObjects() != null) {
                for (ObjectContent c : page.getObjects()) {
                    out.add(FilterSpecs.toProperties(c));
                }
            }
            String token = page.getToken();
            if (token == null) {
                break;
            }
            page = session.call("ContinueRetrievePropertiesEx", (vim, sc) ->
                    vim.continueRetrievePropertiesEx(sc.getPropertyCollector(), token));
        }
        return out;
    }

    private ManagedObjectReference view(ViewKey key) {
        long epoch = session.epoch();
        CachedView cached = views.get(key);
        if (cached != null && cached.epoch() == epoch) {
            return cached.view();
        }
        ManagedObjectReference view = session.call("CreateContainerView " + key.types(), (vim, sc) ->
                vim.createContainerView(sc.getViewManager(), Session.mor(key.container()),
                        key.types().toArray(String[]::new), true));
        views.put(key, new CachedView(view, session.epoch()));
        return view;
    }

    /** Destroys the container views this reader created (best effort). */
    @Override
    public void close() {
        for (CachedView v : views.values()) {
            try {
                session.call("DestroyView", (vim, sc) -> {
                    vim.destroyView(v.view());
                    return null;
                });
            } catch (VsphereException e) {
                LOG.debug("DestroyView {} failed: {}", v.view().getVal(), e.getMessage());
            }
        }
        views.clear();
    }
}
