package io.openfdm.cli.demo.vcsim;

import io.openfdm.cli.cluster.MoidOrder;
import io.openfdm.vsphere.VsphereClient;
import io.openfdm.vsphere.property.PropertyQuery;

import java.util.Comparator;
import java.util.List;

/**
 * Every VM of the inventory as vCenter reports it, read with ONE {@code RetrievePropertiesEx} (the
 * PropertyCollector over a container view of the root folder): the read-back the demo judges by.
 */
public final class VmCensus {
    /** The properties read per VM. */
    static final PropertyQuery QUERY = PropertyQuery.of("VirtualMachine", "name", "config.files.vmPathName",
            "runtime.host", "runtime.powerState", "config.template");

    private VmCensus() {
    }

    /**
     * @return every VM, ordered by MOID number
     * @throws io.openfdm.vsphere.VsphereException when vCenter cannot be read
     */
    public static List<VmRow> read(VsphereClient vc) {
        return vc.inventory().readAll(QUERY).stream().map(VmRow::of)
                .sorted(Comparator.comparing(VmRow::moid, MoidOrder.NATURAL)).toList();
    }
}
