package io.openfdm.vsphere.property;

import com.vmware.vim25.DynamicProperty;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.MissingProperty;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.ObjectSpec;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.PropertySpec;
import com.vmware.vim25.SelectionSpec;
import com.vmware.vim25.TraversalSpec;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.soap.PlainValues;
import io.openfdm.vsphere.soap.Session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds PropertyCollector filter specs and reads {@code ObjectContent} back as {@link ObjectProperties}. */
final class FilterSpecs {
    private FilterSpecs() {
    }

    /** Every object of the query's types inside a {@code ContainerView}: the view itself is skipped. */
    static PropertyFilterSpec overView(ManagedObjectReference view, PropertyQuery query) {
        TraversalSpec toView = new TraversalSpec();
        toView.setName("traverseView");
        toView.setType("ContainerView");
        toView.setPath("view");
        toView.setSkip(Boolean.FALSE);
        ObjectSpec start = new ObjectSpec();
        start.setObj(view);
        start.setSkip(Boolean.TRUE);
        start.setSelectSet(new SelectionSpec[] {toView});
        return spec(new ObjectSpec[] {start}, query);
    }

    /** Exactly the objects named. */
    static PropertyFilterSpec overObjects(List<MoRef> objects, PropertyQuery query) {
        ObjectSpec[] specs = new ObjectSpec[objects.size()];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = new ObjectSpec();
            specs[i].setObj(Session.mor(objects.get(i)));
            specs[i].setSkip(Boolean.FALSE);
        }
        return spec(specs, query);
    }

    private static PropertyFilterSpec spec(ObjectSpec[] objects, PropertyQuery query) {
        PropertySpec[] props = new PropertySpec[query.paths().size()];
        int i = 0;
        for (Map.Entry<String, List<String>> e : query.paths().entrySet()) {
            PropertySpec p = new PropertySpec();
            p.setType(e.getKey());
            p.setAll(Boolean.FALSE);
            p.setPathSet(e.getValue().toArray(String[]::new));
            props[i++] = p;
        }
        PropertyFilterSpec spec = new PropertyFilterSpec();
        spec.setObjectSet(objects);
        spec.setPropSet(props);
        return spec;
    }

    static ObjectProperties toProperties(ObjectContent content) {
        Map<String, Object> values = new HashMap<>();
        if (content.getPropSet() != null) {
            for (DynamicProperty p : content.getPropSet()) {
                Object v = PlainValues.plain(p.getVal());
                if (v != null) {
                    values.put(p.getName(), v);
                }
            }
        }
        return new ObjectProperties(Session.moRef(content.getObj()), values, missing(content.getMissingSet()));
    }

    static Map<String, String> missing(MissingProperty[] missingSet) {
        Map<String, String> missing = new HashMap<>();
        if (missingSet != null) {
            for (MissingProperty m : missingSet) {
                String fault = m.getFault() == null || m.getFault().getFault() == null ? "unknown"
                        : m.getFault().getFault().getClass().getSimpleName();
                missing.put(m.getPath(), fault);
            }
        }
        return missing;
    }
}
