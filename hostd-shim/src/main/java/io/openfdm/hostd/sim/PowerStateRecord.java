package io.openfdm.hostd.sim;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link SimulatedHypervisor} saves in its {@link PowerStateStore}, as JSON:
 * {@code {"host":"host-1","clean":false,"poweredOn":["vm-1"]}}.
 *
 * @param host      the host that wrote it (a record of another host is ignored)
 * @param clean     true only when written by {@link SimulatedHypervisor#shutdownClean()}; every
 *                  other write, starting with the one at boot, says false, so a run that ends any
 *                  other way (crash, kill -9) leaves false behind
 * @param poweredOn the VMs powered on at the time of writing, sorted
 */
public record PowerStateRecord(HostId host, boolean clean, List<VmId> poweredOn) {
    public PowerStateRecord {
        Objects.requireNonNull(host, "host");
        poweredOn = List.copyOf(poweredOn).stream().sorted().toList();
    }
}
