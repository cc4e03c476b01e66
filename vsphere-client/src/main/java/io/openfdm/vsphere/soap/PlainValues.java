package io.openfdm.vsphere.soap;

import com.vmware.vim25.DynamicData;
import com.vmware.vim25.ManagedObjectReference;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts values yavijava unmarshalled into plain Java values, so no yavijava type leaves the module:
 * <ul>
 *   <li>{@code ManagedObjectReference} to {@link io.openfdm.vsphere.MoRef};</li>
 *   <li>vSphere enums ({@code VirtualMachinePowerState.poweredOn}) to their wire string
 *       ({@code "poweredOn"});</li>
 *   <li>{@code Calendar} to {@link java.time.Instant};</li>
 *   <li>arrays and {@code ArrayOfX} wrappers to unmodifiable {@link List}s;</li>
 *   <li>data objects ({@code DynamicData}) to an unmodifiable {@link Map} of their non-null fields
 *       by vSphere property name, plus {@code "_type"} with the data object type
 *       ({@code "ClusterDasVmConfigInfo"});</li>
 *   <li>strings, numbers and booleans as they are.</li>
 * </ul>
 */
public final class PlainValues {
    /** Key of the data object type name in a converted data object. */
    public static final String TYPE_KEY = "_type";
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private PlainValues() {
    }

    public static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof ManagedObjectReference mor) {
            return Session.moRef(mor);
        }
        if (value instanceof Enum<?> e) {
            return e.toString();
        }
        if (value instanceof Calendar c) {
            return c.toInstant();
        }
        if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(plain(Array.get(value, i)));
            }
            return Collections.unmodifiableList(out);
        }
        if (value.getClass().getSimpleName().startsWith("ArrayOf")) {
            List<Field> fields = fields(value.getClass());
            if (fields.size() == 1) {
                Object inner = read(fields.get(0), value);
                return inner == null ? List.of() : plain(inner);
            }
        }
        if (value instanceof DynamicData || value.getClass().getPackageName().equals("com.vmware.vim25")) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put(TYPE_KEY, value.getClass().getSimpleName());
            for (Field f : fields(value.getClass())) {
                Object v = read(f, value);
                if (v != null) {
                    out.put(f.getName(), plain(v));
                }
            }
            return Collections.unmodifiableMap(out);
        }
        return value.toString();
    }

    private static List<Field> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Field> out = new ArrayList<>();
            for (Class<?> c = t; c != null && c != Object.class && c != Throwable.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (Modifier.isPublic(m) && !Modifier.isStatic(m) && !f.getName().equals("dynamicType")
                            && !f.getName().equals("dynamicProperty")) {
                        out.add(f);
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    private static Object read(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            return null;
        }
    }
}
