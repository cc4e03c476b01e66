package io.openfdm.sim.scenario;

import io.openfdm.core.config.VmOverride;
import io.openfdm.core.model.RestartClass;

import java.util.List;

/** Merges the {@code cluster} file's per-VM lines ({@code isolation vm}, {@code vm-monitoring vm}, {@code restart-class}) into one override per VM. */
final class VmOverrides {
    private VmOverrides() {
    }

    /** Adds {@code next}, or merges it into the override the list already has for its VM (its non-null settings and a class other than ordinary win). */
    static void put(List<VmOverride> overrides, VmOverride next) {
        for (int i = 0; i < overrides.size(); i++) {
            VmOverride o = overrides.get(i);
            if (o.vm().equals(next.vm())) {
                overrides.set(i, new VmOverride(o.vm(), o.protect() && next.protect(),
                        next.priority() != null ? next.priority() : o.priority(),
                        next.isolationResponse() != null ? next.isolationResponse() : o.isolationResponse(),
                        next.vmMonitoring() != null ? next.vmMonitoring() : o.vmMonitoring(),
                        next.restartClass() != RestartClass.ORDINARY ? next.restartClass() : o.restartClass()));
                return;
            }
        }
        overrides.add(next);
    }
}
