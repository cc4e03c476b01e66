package io.openfdm.master.hoststate;

import io.openfdm.core.model.VmId;
import io.openfdm.datastore.poweron.PoweredOffMarker;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The poweredoff markers the master has read, by datastore: each says HA powered a VM off on an
 * isolated host (vSphere HA Deepdive: "a poweredoff directory holds one file per VM that HA
 * powered off"). Mutable, owned by the master machine.
 */
public final class PoweredOffMarkers {
    /** Where a marker was found. */
    public record Located(String datastore, PoweredOffMarker marker) {
    }

    private final Map<String, Map<VmId, PoweredOffMarker>> byDatastore = new TreeMap<>();

    /** Replaces what is known of {@code datastore} with a complete read of it. */
    public void read(String datastore, List<PoweredOffMarker> markers) {
        Map<VmId, PoweredOffMarker> m = new TreeMap<>();
        markers.forEach(marker -> m.put(marker.vm(), marker));
        byDatastore.put(datastore, m);
    }

    /** The marker was deleted (or is being deleted): forget it until it is read again. */
    public void forget(String datastore, VmId vm) {
        Map<VmId, PoweredOffMarker> m = byDatastore.get(datastore);
        if (m != null) {
            m.remove(vm);
        }
    }

    /** True when no marker is known (the common case: a quick exit for per-VM checks). */
    public boolean isEmpty() {
        return byDatastore.values().stream().allMatch(Map::isEmpty);
    }

    /** The marker of {@code vm}, from the first datastore by name that holds one. */
    public Optional<Located> find(VmId vm) {
        for (Map.Entry<String, Map<VmId, PoweredOffMarker>> e : byDatastore.entrySet()) {
            PoweredOffMarker marker = e.getValue().get(vm);
            if (marker != null) {
                return Optional.of(new Located(e.getKey(), marker));
            }
        }
        return Optional.empty();
    }

    /** Every known marker, by datastore then VM. */
    public List<Located> all() {
        return byDatastore.entrySet().stream()
                .flatMap(e -> e.getValue().values().stream().map(m -> new Located(e.getKey(), m))).toList();
    }
}
