package io.openfdm.agent.isolation;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.poweron.PoweronRecord;

import java.util.List;
import java.util.Optional;

/**
 * Decides when this host rewrites its poweron file ({@code host-<moid>-poweron}: the isolation
 * flag, then the powered-on VMs; vSphere HA Deepdive) on its heartbeat datastores: at once when
 * the flag, the powered-on set or the set of heartbeat datastores changes, and every
 * {@link #REFRESH_INTERVAL_MS} otherwise (VMware's master reads these files about every 30 s; the
 * refresh keeps a file that was lost or damaged from staying wrong). Each record carries a counter
 * that grows with every write and starts from the boot id, as the heartbeat counter does.
 * Deterministic, no I/O.
 */
public final class PoweronWriter {
    /** Rewrite period of an unchanged poweron file, milliseconds. */
    public static final long REFRESH_INTERVAL_MS = 10_000;

    private final HostId self;
    private final long bootId;
    private long counter;
    private boolean lastIsolated;
    private List<VmId> lastPoweredOn;
    private List<String> lastDatastores;
    private long lastWriteMs = Long.MIN_VALUE;

    /**
     * @param bootCounter the agent's boot id (the wall clock at its start): the first counter value,
     *                    and the record's {@code bootId}
     */
    public PoweronWriter(HostId self, long bootCounter) {
        this.self = self;
        this.bootId = bootCounter;
        this.counter = bootCounter;
    }

    /**
     * The record to write now on {@code datastores}, or empty when nothing changed and the refresh
     * is not due.
     *
     * @param poweredOn the VMs powered on on this host now
     * @param force     write even if nothing changed (HA has just powered a VM off)
     */
    public Optional<PoweronRecord> next(boolean isolated, List<VmId> poweredOn, List<String> datastores, long nowMs,
                                        long wallMs, boolean force) {
        List<VmId> sorted = poweredOn.stream().sorted().distinct().toList();
        boolean changed = lastPoweredOn == null || isolated != lastIsolated || !sorted.equals(lastPoweredOn)
                || !datastores.equals(lastDatastores);
        if (!force && !changed && nowMs - lastWriteMs < REFRESH_INTERVAL_MS) {
            return Optional.empty();
        }
        lastIsolated = isolated;
        lastPoweredOn = sorted;
        lastDatastores = List.copyOf(datastores);
        lastWriteMs = nowMs;
        counter++;
        return Optional.of(new PoweronRecord(self, isolated, sorted, counter, wallMs, bootId));
    }
}
