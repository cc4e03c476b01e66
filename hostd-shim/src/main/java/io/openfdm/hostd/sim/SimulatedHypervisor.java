package io.openfdm.hostd.sim;

import io.openfdm.core.env.DatastoreFiles;
import io.openfdm.core.env.DatastoreIoException;
import io.openfdm.core.model.GuestHeartbeat;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.json.FdmJson;
import io.openfdm.hostd.Hypervisor;
import io.openfdm.hostd.HypervisorException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The built-in simulated hypervisor: the default for demos and tests. One instance is one host's
 * hostd.
 *
 * <p><b>Model.</b> A VM is a configuration file {@code <datastore>/<vm>/<vm>.json}
 * ({@link HaPaths#vmConfig}, format in {@link VmConfigFormat}) whose {@code registeredHost} names
 * the one host allowed to run it, as a VM's files are locked by the ESXi host running it. Power
 * state lives only in this object and in its {@link PowerStateStore}: a killed host (the object
 * dropped, the process killed) takes its VMs down with it, and on the next {@link #boot} they are
 * powered off unless the previous run ended with {@link #shutdownClean()}.
 *
 * <p><b>Persistence.</b> Boot writes a {@code clean=false} record before serving any call (and
 * fails if it cannot, since a stale {@code clean=true} would power VMs on again after a crash).
 * Every power change saves the powered-on set again with {@code clean=false}; those saves are best
 * effort, because only the last record before a clean shutdown is ever used to restore power and
 * {@link #shutdownClean()} rewrites the complete set.
 *
 * <p><b>Guests.</b> A powered-on VM's guest sends heartbeats ({@link GuestHeartbeat#GREEN}) once it
 * has booted, {@code guestBootMs} after the power-on or reset ({@link #simulateGuestBoot}; default
 * 0: at once); while it boots, and while the VM is powered off, it has none
 * ({@link GuestHeartbeat#GRAY}: VMware Tools not running yet). {@link #shutdownGuest} starts a guest
 * shutdown that completes (the VM powers off) {@code guestShutdownMs} later on the clock given to
 * {@link #simulateGuests} (default {@value #DEFAULT_GUEST_SHUTDOWN_MS} ms on {@code System.nanoTime});
 * completion is noticed by the next call that reads the inventory. A guest hung with
 * {@link #hangGuest} (fault injection) sends no heartbeats ({@link GuestHeartbeat#RED}) and ignores
 * shutdown requests; {@link #reset}, a power-off or a power-on ends the hang: the guest boots again.
 * Hangs live in memory only.
 *
 * <p>Thread-safe: every public method is synchronized; file reads and writes happen under the lock.
 */
public final class SimulatedHypervisor implements Hypervisor {
    /** How long a simulated guest OS takes to shut down unless configured, milliseconds. */
    public static final long DEFAULT_GUEST_SHUTDOWN_MS = 10_000;

    private final HostId host;
    private final DatastoreFiles files;
    private final PowerStateStore store;
    private final Map<VmId, Entry> inventory = new TreeMap<>();
    private final Map<VmId, Fault> faults = new HashMap<>();
    /** Guest shutdowns under way: when each completes, on {@link #guestClockMs}. */
    private final Map<VmId, Long> shutdownDoneMs = new TreeMap<>();
    /** Powered-on VMs whose guest is hung: no heartbeats, shutdown requests ignored. */
    private final Set<VmId> hungGuests = new HashSet<>();
    private LongSupplier guestClockMs = () -> System.nanoTime() / 1_000_000;
    private long guestShutdownMs = DEFAULT_GUEST_SHUTDOWN_MS;
    /** How long a guest takes from power-on (or reset) to its first heartbeat, milliseconds. */
    private long guestBootMs;
    /** Guests still booting: when each sends its first heartbeat, on {@link #guestClockMs}. */
    private final Map<VmId, Long> bootDoneMs = new TreeMap<>();
    private BootReport bootReport;

    private record Entry(VmConfig config, String datastore, PowerState power) {
        VmInfo info() {
            return new VmInfo(config.moid(), config.name(), datastore, power, config.cpuMhz(), config.memoryMb(),
                    config.priority());
        }

        Entry withPower(PowerState p) {
            return new Entry(config, datastore, p);
        }
    }

    private record Fault(int remaining, String reason) {
    }

    private SimulatedHypervisor(HostId host, DatastoreFiles files, PowerStateStore store) {
        this.host = host;
        this.files = files;
        this.store = store;
    }

    /**
     * Starts a host's hypervisor: registers every VM whose configuration, on any accessible
     * datastore, names {@code host}, then decides power. Powered-on VMs are restored only if the
     * store's record says the previous run ended with {@link #shutdownClean()}; after a first boot,
     * a crash or kill -9, or an unreadable record, every VM starts powered off.
     *
     * @param datastoreNames the datastores to scan (called once); inaccessible ones are skipped and
     *                       reported in {@link #bootReport()}
     * @throws UncheckedIOException if the {@code clean=false} marker cannot be saved
     */
    public static SimulatedHypervisor boot(HostId host, DatastoreFiles files, Supplier<List<String>> datastoreNames,
                                           PowerStateStore store) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(store, "store");
        SimulatedHypervisor h = new SimulatedHypervisor(host, files, store);
        synchronized (h) {
            List<String> warnings = new ArrayList<>();
            for (String ds : datastoreNames.get()) {
                h.scan(ds, warnings);
            }
            h.bootReport = h.restorePower(warnings);
            h.persist(false, true);
        }
        return h;
    }

    /**
     * Writes a new VM's configuration file ({@code fdm cluster up}, the simulator, tests).
     *
     * @throws HypervisorException if a configuration already exists for that VM on that datastore,
     *                             or the datastore cannot be written
     */
    public static void createVm(DatastoreFiles files, String datastore, VmConfig config) {
        String path = HaPaths.vmConfig(config.moid());
        try {
            if (files.read(datastore, path).isPresent()) {
                throw new HypervisorException(config.moid(), "already exists: " + datastore + "/" + path);
            }
            files.writeAtomic(datastore, path, VmConfigFormat.toJson(config));
        } catch (DatastoreIoException e) {
            throw new HypervisorException(config.moid(), "cannot create " + datastore + "/" + path + ": " + e.getMessage(), e);
        }
    }

    /** The host this hypervisor runs. */
    public HostId host() {
        return host;
    }

    /** What {@link #boot} found and decided. */
    public synchronized BootReport bootReport() {
        return bootReport;
    }

    /** {@inheritDoc} From memory, sorted by VM MOID; no file is read. */
    @Override
    public synchronized List<VmInfo> listVms() {
        completeGuestShutdowns();
        return inventory.values().stream().map(this::info).toList();
    }

    @Override
    public synchronized Optional<VmInfo> vm(VmId id) {
        completeGuestShutdowns();
        return Optional.ofNullable(inventory.get(id)).map(this::info);
    }

    /** The VM as reported, with its guest heartbeat status (see the class comment). */
    private VmInfo info(Entry entry) {
        VmInfo info = entry.info();
        if (entry.power() != PowerState.POWERED_ON) {
            return info.withGuestHeartbeat(GuestHeartbeat.GRAY);
        }
        if (hungGuests.contains(info.id())) {
            return info.withGuestHeartbeat(GuestHeartbeat.RED);
        }
        Long booted = bootDoneMs.get(info.id());
        if (booted != null && booted > guestClockMs.getAsLong()) {
            return info.withGuestHeartbeat(GuestHeartbeat.GRAY);
        }
        return info.withGuestHeartbeat(GuestHeartbeat.GREEN);
    }

    /**
     * {@inheritDoc} Reads {@code <datastore>/<vm>/<vm>.json}, rewrites it with
     * {@code registeredHost} = this host (other fields kept), and adds the VM powered off. A VM
     * already registered here is returned as it is, without touching its file.
     *
     * @throws HypervisorException if the datastore cannot be read or written, the file is missing,
     *                             malformed, or names another VM
     */
    @Override
    public synchronized VmInfo register(String datastore, VmId id) {
        Entry existing = inventory.get(id);
        if (existing != null) {
            return info(existing);
        }
        String path = HaPaths.vmConfig(id);
        byte[] raw = readConfig(datastore, id, "register");
        VmConfig config = parse(datastore, id, raw);
        try {
            files.writeAtomic(datastore, path, VmConfigFormat.withRegisteredHost(raw, host));
        } catch (DatastoreIoException e) {
            throw new HypervisorException(id, "cannot register: writing " + datastore + "/" + path + " failed: "
                    + e.getMessage(), e);
        }
        Entry entry = new Entry(config.withRegisteredHost(host), datastore, PowerState.POWERED_OFF);
        inventory.put(id, entry);
        return info(entry);
    }

    /**
     * {@inheritDoc} Refused if the VM's configuration (read again now) no longer names this host,
     * or cannot be read. Injected faults ({@link #failNextPowerOns}) are served first.
     */
    @Override
    public synchronized void powerOn(VmId id) {
        Entry entry = require(id);
        Fault fault = faults.get(id);
        if (fault != null) {
            if (fault.remaining() <= 1) {
                faults.remove(id);
            } else {
                faults.put(id, new Fault(fault.remaining() - 1, fault.reason()));
            }
            throw new HypervisorException(id, "power-on failed (injected fault): " + fault.reason());
        }
        if (entry.power() == PowerState.POWERED_ON) {
            return;
        }
        VmConfig current = parse(entry.datastore(), id, readConfig(entry.datastore(), id, "power on"));
        if (!host.equals(current.registeredHost())) {
            throw new HypervisorException(id, "refusing to power on: registered on "
                    + (current.registeredHost() == null ? "no host" : current.registeredHost().moid())
                    + " now, not " + host.moid());
        }
        inventory.put(id, new Entry(current, entry.datastore(), PowerState.POWERED_ON));
        shutdownDoneMs.remove(id);
        hungGuests.remove(id);
        guestBoots(id);
        persist(false, false);
    }

    /** {@inheritDoc} @throws HypervisorException if the VM is not registered here */
    @Override
    public synchronized void powerOff(VmId id) {
        Entry entry = require(id);
        shutdownDoneMs.remove(id);
        if (entry.power() == PowerState.POWERED_OFF) {
            return;
        }
        inventory.put(id, entry.withPower(PowerState.POWERED_OFF));
        hungGuests.remove(id);
        persist(false, false);
    }

    /**
     * {@inheritDoc} The guest powers the VM off {@code guestShutdownMs} from now (see
     * {@link #simulateGuests}), unless it is hung ({@link #hangGuest}). Asking again while a
     * shutdown is under way changes nothing.
     *
     * @throws HypervisorException if the VM is not registered here
     */
    @Override
    public synchronized void shutdownGuest(VmId id) {
        Entry entry = require(id);
        if (entry.power() == PowerState.POWERED_OFF || hungGuests.contains(id) || shutdownDoneMs.containsKey(id)) {
            return;
        }
        shutdownDoneMs.put(id, guestClockMs.getAsLong() + guestShutdownMs);
    }

    /**
     * Sets how simulated guests behave: the clock their shutdowns are timed on (milliseconds) and
     * how long a shutdown takes. The simulator passes its virtual clock.
     *
     * @throws IllegalArgumentException if {@code shutdownMs} is negative
     */
    public synchronized void simulateGuests(LongSupplier clockMs, long shutdownMs) {
        if (shutdownMs < 0) {
            throw new IllegalArgumentException("shutdownMs must be >= 0, was " + shutdownMs);
        }
        this.guestClockMs = Objects.requireNonNull(clockMs, "clockMs");
        this.guestShutdownMs = shutdownMs;
    }

    /** Powers off the VMs whose guest shutdown has completed by now. */
    private void completeGuestShutdowns() {
        if (shutdownDoneMs.isEmpty()) {
            return;
        }
        long now = guestClockMs.getAsLong();
        boolean changed = false;
        for (Map.Entry<VmId, Long> e : List.copyOf(shutdownDoneMs.entrySet())) {
            if (e.getValue() <= now) {
                shutdownDoneMs.remove(e.getKey());
                Entry entry = inventory.get(e.getKey());
                if (entry != null && entry.power() == PowerState.POWERED_ON) {
                    inventory.put(e.getKey(), entry.withPower(PowerState.POWERED_OFF));
                    hungGuests.remove(e.getKey());
                    changed = true;
                }
            }
        }
        if (changed) {
            persist(false, false);
        }
    }

    /**
     * {@inheritDoc} The guest boots again: a hang ({@link #hangGuest}) ends and heartbeats resume;
     * a guest shutdown under way is abandoned.
     *
     * @throws HypervisorException if the VM is not registered here or not powered on
     */
    @Override
    public synchronized void reset(VmId id) {
        Entry entry = require(id);
        if (entry.power() != PowerState.POWERED_ON) {
            throw new HypervisorException(id, "cannot reset: powered off");
        }
        hungGuests.remove(id);
        shutdownDoneMs.remove(id);
        guestBoots(id);
    }

    private void guestBoots(VmId id) {
        if (guestBootMs > 0) {
            bootDoneMs.put(id, guestClockMs.getAsLong() + guestBootMs);
        } else {
            bootDoneMs.remove(id);
        }
    }

    /**
     * Sets how long a simulated guest takes from power-on or reset to its first heartbeat,
     * milliseconds (0, the default: at once), on the clock given to {@link #simulateGuests}. Applies
     * to power-ons and resets from now on.
     *
     * @throws IllegalArgumentException if {@code bootMs} is negative
     */
    public synchronized void simulateGuestBoot(long bootMs) {
        if (bootMs < 0) {
            throw new IllegalArgumentException("bootMs must be >= 0, was " + bootMs);
        }
        this.guestBootMs = bootMs;
    }

    /**
     * Test and simulator fault injection, not a hypervisor feature: the guest of a powered-on VM
     * hangs, so its heartbeats stop ({@link GuestHeartbeat#RED}) and it ignores guest shutdown
     * requests ({@link #shutdownGuest}) until it is reset, powered off or powered on again. A
     * shutdown asked for before the hang still completes.
     *
     * @throws HypervisorException if the VM is not registered here or not powered on
     */
    public synchronized void hangGuest(VmId id) {
        completeGuestShutdowns();
        Entry entry = require(id);
        if (entry.power() != PowerState.POWERED_ON) {
            throw new HypervisorException(id, "cannot hang the guest: powered off");
        }
        hungGuests.add(id);
    }

    /**
     * {@inheritDoc} Re-reads each registered VM's configuration: a VM now registered on another
     * host (or on none) is powered off and dropped here; edits to name, reservations or priority
     * are picked up. A VM whose datastore is inaccessible, or whose file is missing or malformed,
     * is left as it is (nothing is known).
     */
    @Override
    public synchronized void refresh() {
        completeGuestShutdowns();
        boolean powerChanged = false;
        for (Entry entry : List.copyOf(inventory.values())) {
            VmId id = entry.config().moid();
            Optional<byte[]> raw;
            try {
                raw = files.read(entry.datastore(), HaPaths.vmConfig(id));
            } catch (DatastoreIoException e) {
                continue;
            }
            if (raw.isEmpty()) {
                continue;
            }
            VmConfig current;
            try {
                current = VmConfigFormat.parse(raw.get());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!current.moid().equals(id)) {
                continue;
            }
            if (!host.equals(current.registeredHost())) {
                inventory.remove(id);
                hungGuests.remove(id);
                powerChanged |= entry.power() == PowerState.POWERED_ON;
            } else if (!current.equals(entry.config())) {
                inventory.put(id, new Entry(current, entry.datastore(), entry.power()));
            }
        }
        if (powerChanged) {
            persist(false, false);
        }
    }

    /**
     * Records a clean shutdown of the hypervisor process: saves the powered-on set with
     * {@code clean=true}, so the next {@link #boot} powers those VMs on again (the agent runtime's
     * graceful stop, where the process stands for hostd and the VMs are meant to run on across an
     * agent restart; and {@code fdm cluster up}'s initial placement). A host shutdown in an HA
     * cluster is {@link #shutdownHost()}. Calls after it are still served, and the next power
     * change marks the record unclean again.
     *
     * @throws UncheckedIOException if the record cannot be saved (the next boot then starts with
     *                              every VM off)
     */
    public synchronized void shutdownClean() {
        persist(true, true);
    }

    /**
     * Records the clean shutdown of the <em>host</em> in a vSphere HA cluster: every VM is powered
     * off (its guest goes down with the host) and the record is saved clean with no VM powered on,
     * so the next {@link #boot} starts every VM powered off, as after a crash. vSphere disables VM
     * autostart (host "VM Startup/Shutdown") on the hosts of an HA cluster: after a host failure or
     * reboot, HA's master decides where each VM runs again (vSphere Availability guide, "vSphere HA
     * and automatic VM startup"). {@link #shutdownClean()} is the other case: the hypervisor
     * process stops while the VMs are meant to keep running (an agent restart of the demo's
     * process-per-host model).
     *
     * @throws UncheckedIOException if the record cannot be saved (the next boot then starts with
     *                              every VM off all the same)
     */
    public synchronized void shutdownHost() {
        completeGuestShutdowns();
        inventory.replaceAll((id, e) -> e.withPower(PowerState.POWERED_OFF));
        shutdownDoneMs.clear();
        hungGuests.clear();
        persist(true, true);
    }

    /**
     * Test and simulator fault injection, not a hypervisor feature: the next {@code count}
     * {@link #powerOn} calls for {@code vm} throw {@link HypervisorException} with {@code reason}
     * (the VM's state does not change; calls for a VM not registered here fail as unknown without
     * using up the fault). {@code count} 0 clears the fault.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public synchronized void failNextPowerOns(VmId vm, int count, String reason) {
        Objects.requireNonNull(vm, "vm");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        if (count == 0) {
            faults.remove(vm);
        } else {
            faults.put(vm, new Fault(count, Objects.requireNonNull(reason, "reason")));
        }
    }

    private void scan(String ds, List<String> warnings) {
        List<String> names;
        try {
            if (!files.accessible(ds)) {
                warnings.add(ds + ": not accessible, its VMs were not loaded");
                return;
            }
            names = files.list(ds, "");
        } catch (DatastoreIoException e) {
            warnings.add(ds + ": cannot list (" + e.getMessage() + "), its VMs were not loaded");
            return;
        }
        for (String name : names) {
            if (name.startsWith(".") || !HaPaths.isSafeSegment(name)) {
                continue;
            }
            VmId id = VmId.of(name);
            String path = HaPaths.vmConfig(id);
            Optional<byte[]> raw;
            try {
                raw = files.read(ds, path);
            } catch (DatastoreIoException e) {
                continue; // not a VM directory (a plain file, for instance)
            }
            if (raw.isEmpty()) {
                continue;
            }
            VmConfig config;
            try {
                config = VmConfigFormat.parse(raw.get());
            } catch (IllegalArgumentException e) {
                warnings.add(ds + "/" + path + ": malformed, skipped: " + e.getMessage());
                continue;
            }
            if (!config.moid().equals(id)) {
                warnings.add(ds + "/" + path + ": names VM " + config.moid() + ", skipped");
                continue;
            }
            if (!host.equals(config.registeredHost())) {
                continue;
            }
            Entry earlier = inventory.get(id);
            if (earlier != null) {
                warnings.add(id + ": registered here on both " + earlier.datastore() + " and " + ds + ", kept "
                        + earlier.datastore());
                continue;
            }
            inventory.put(id, new Entry(config, ds, PowerState.POWERED_OFF));
        }
    }

    private BootReport restorePower(List<String> warnings) {
        Optional<byte[]> saved = store.load();
        if (saved.isEmpty()) {
            String why = store.loadProblem().map(p -> p + ", treated as a crash")
                    .orElse("no power-state record (first boot)");
            return new BootReport(false, why + ": all VMs start powered off", warnings);
        }
        PowerStateRecord record;
        try {
            record = FdmJson.mapper().readValue(saved.get(), PowerStateRecord.class);
        } catch (IOException | RuntimeException e) {
            return new BootReport(false, "power-state record unreadable (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + "), treated as a crash: all VMs start powered off", warnings);
        }
        if (!record.host().equals(host)) {
            return new BootReport(false, "power-state record belongs to " + record.host()
                    + ": all VMs start powered off", warnings);
        }
        if (!record.clean()) {
            return new BootReport(false, "previous run did not shut down cleanly (crash or kill)"
                    + ": all VMs start powered off", warnings);
        }
        int restored = 0;
        for (VmId id : record.poweredOn()) {
            Entry e = inventory.get(id);
            if (e == null) {
                warnings.add(id + ": was powered on at shutdown but is no longer registered here, left off");
            } else {
                inventory.put(id, e.withPower(PowerState.POWERED_ON));
                restored++;
            }
        }
        return new BootReport(true, "previous run shut down cleanly: " + restored + " VM(s) powered on again", warnings);
    }

    /** Saves the powered-on set; {@code mustSucceed} false swallows failures (see class comment). */
    private void persist(boolean clean, boolean mustSucceed) {
        Set<VmId> on = new LinkedHashSet<>();
        inventory.forEach((id, e) -> {
            if (e.power() == PowerState.POWERED_ON) {
                on.add(id);
            }
        });
        try {
            store.save(FdmJson.mapper().writeValueAsBytes(new PowerStateRecord(host, clean, List.copyOf(on))));
        } catch (IOException e) {
            throw new IllegalStateException("a power-state record always serialises", e);
        } catch (UncheckedIOException e) {
            if (mustSucceed) {
                throw e;
            }
        }
    }

    private Entry require(VmId id) {
        Entry entry = inventory.get(Objects.requireNonNull(id, "id"));
        if (entry == null) {
            throw new HypervisorException(id, "not registered on " + host.moid());
        }
        return entry;
    }

    private byte[] readConfig(String datastore, VmId id, String action) {
        String path = HaPaths.vmConfig(id);
        Optional<byte[]> raw;
        try {
            raw = files.read(datastore, path);
        } catch (DatastoreIoException e) {
            throw new HypervisorException(id, "cannot " + action + ": datastore " + datastore + " not readable: "
                    + e.getMessage(), e);
        }
        return raw.orElseThrow(() -> new HypervisorException(id, "cannot " + action + ": no configuration file "
                + datastore + "/" + path));
    }

    private static VmConfig parse(String datastore, VmId id, byte[] raw) {
        String where = datastore + "/" + HaPaths.vmConfig(id);
        VmConfig config;
        try {
            config = VmConfigFormat.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new HypervisorException(id, "malformed configuration " + where + ": " + e.getMessage(), e);
        }
        if (!config.moid().equals(id)) {
            throw new HypervisorException(id, "configuration " + where + " names VM " + config.moid() + ", not " + id);
        }
        return config;
    }
}
