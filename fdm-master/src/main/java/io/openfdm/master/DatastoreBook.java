package io.openfdm.master;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.protectedlist.ProtectedList;
import io.openfdm.datastore.protectedlist.ProtectedVm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The master's copy of one datastore's protectedlist and its lease: which generation we hold,
 * until when we may act, whether the on-disk list is loaded and whether we owe it a write.
 */
final class DatastoreBook {
    final String name;
    boolean held;
    long generation;
    long validUntilMs;
    boolean loadRequested;
    boolean loaded;
    /** When this master loaded the protectedlist (its clock, ms); intents read from it were sent before. */
    long loadedMs = Long.MIN_VALUE;
    boolean dirty;
    long version;
    final Map<VmId, ProtectedVm> vms = new LinkedHashMap<>();

    DatastoreBook(String name) {
        this.name = name;
    }

    boolean mayAct(long nowMs) {
        return held && nowMs < validUntilMs;
    }

    /** True when the list is loaded and we may act: protection changes and restarts are allowed. */
    boolean ready(long nowMs) {
        return loaded && mayAct(nowMs);
    }

    void put(ProtectedVm vm) {
        ProtectedVm old = vms.put(vm.vm(), vm);
        if (!vm.equals(old)) {
            dirty = true;
        }
    }

    void remove(VmId vm) {
        if (vms.remove(vm) != null) {
            dirty = true;
        }
    }

    ProtectedList snapshot(String clusterId, HostId writer) {
        return new ProtectedList(clusterId, writer, generation, version + 1, new ArrayList<>(vms.values()));
    }

    void lose() {
        held = false;
        loaded = false;
        loadRequested = false;
        dirty = false;
        vms.clear();
    }
}
