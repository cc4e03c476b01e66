package io.openfdm.hostd.vsphere;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.GuestHeartbeat;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.hostd.Hypervisor;
import io.openfdm.hostd.HypervisorException;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.VsphereClient;
import io.openfdm.vsphere.VsphereException;
import io.openfdm.vsphere.property.ObjectProperties;
import io.openfdm.vsphere.property.PropertyQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Hypervisor} of one host, over the vSphere API of a vCenter (or of the host's own ESXi
 * endpoint), through vsphere-client.
 *
 * <p><b>Inventory.</b> {@link #listVms()} reads every VM of the inventory with one
 * {@code RetrievePropertiesEx} (a cached container view; one API call) and keeps those whose
 * {@code runtime.host} is this host. It does not read {@code HostSystem.vm}: vcsim leaves that list
 * stale after a relocate. Per VM: MOID, {@code name}, {@code runtime.powerState} (suspended counts
 * as powered off: it is not running), home datastore (the bracketed name in
 * {@code config.files.vmPathName}), CPU reservation (MHz) and memory reservation (MiB). Templates
 * are left out (they cannot run). The restart priority is always {@code MEDIUM}, vSphere HA's
 * default; the cluster configuration's per-VM overrides (from vCenter's {@code dasVmConfig}, via
 * the bridge) decide the real one.
 *
 * <p><b>Power-on on this host</b> follows {@link PowerOnMode}. A VM powered on on another host is
 * refused, never started a second time.
 *
 * <p><b>Registration and MOIDs.</b> A VM in the inventory is already registered with vCenter:
 * {@link #register} then only moves it to this host in {@code RELOCATE} mode (in
 * {@code HOST_ARGUMENT} mode the power-on places it). A VM missing from the inventory is registered
 * from its {@code .vmx} path with {@code RegisterVM_Task} on this host; vCenter gives it a <b>new
 * MOID</b>. The hypervisor then keeps an alias, requested MOID -> new MOID, for the life of this
 * object: {@link #powerOn}/{@link #powerOff}/{@link #vm} accept the requested MOID, and
 * {@link #listVms()} reports the VM under the requested MOID, the one the master protects. The
 * {@code .vmx} path, folder and name of every VM come from the inventory reads, so only a VM this
 * agent has seen in the inventory can be registered again.
 *
 * <p><b>Errors.</b> Every vSphere failure becomes a {@link HypervisorException} whose message
 * carries the {@link VsphereException} kind and fault name ({@code [FAULT InvalidPowerState]}).
 * Each call is bounded: HTTP calls by the endpoint's timeouts, tasks by {@code taskTimeoutMs}.
 *
 * <p>Thread-safe.
 */
public final class VsphereHypervisor implements Hypervisor, AutoCloseable {
    static final PropertyQuery VM_QUERY = PropertyQuery.of("VirtualMachine", "name", "runtime.powerState",
            "runtime.host", "config.files.vmPathName", "config.template", "config.cpuAllocation.reservation",
            "config.memoryAllocation.reservation", "parent", "summary.quickStats.guestHeartbeatStatus");
    static final PropertyQuery DATASTORE_QUERY = PropertyQuery.of("Datastore", "name", "summary.url", "info.url");
    private static final Logger LOG = LoggerFactory.getLogger(VsphereHypervisor.class);

    private final VsphereConnector connector;
    private final VsphereHostSettings settings;
    private final MoRef self;
    /** What the inventory reads taught us about every VM, for a later RegisterVM_Task. */
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    /** Requested MOID -> MOID vCenter gave the VM when this hypervisor registered it again. */
    private final Map<String, String> aliases = new ConcurrentHashMap<>();

    private record Known(String name, String vmxPath, MoRef folder) {
    }

    public VsphereHypervisor(VsphereConnector connector, VsphereHostSettings settings) {
        this.connector = connector;
        this.settings = settings;
        this.self = MoRef.host(settings.host().moid());
    }

    public HostId host() {
        return settings.host();
    }

    public VsphereHostSettings settings() {
        return settings;
    }

    /**
     * The power-on mode in force: {@code AUTO} resolved against the connected server.
     *
     * @throws HypervisorException if not connected
     */
    public PowerOnMode effectivePowerOnMode() {
        if (settings.powerOnMode() != PowerOnMode.AUTO) {
            return settings.powerOnMode();
        }
        try {
            return client().about().simulator() ? PowerOnMode.RELOCATE : PowerOnMode.HOST_ARGUMENT;
        } catch (VsphereException e) {
            throw new HypervisorException("cannot tell the server kind: " + describe(e), e);
        }
    }

    /** {@inheritDoc} One API call (after the first, which also creates the container view). */
    @Override
    public List<VmInfo> listVms() {
        List<ObjectProperties> all;
        try {
            all = client().inventory().readAll(VM_QUERY);
        } catch (VsphereException e) {
            throw new HypervisorException("cannot list the VMs of " + self.value() + ": " + describe(e), e);
        }
        Map<String, String> reverse = new TreeMap<>();
        aliases.forEach((requested, actual) -> reverse.put(actual, requested));
        List<VmInfo> mine = new ArrayList<>();
        for (ObjectProperties vm : all) {
            learn(vm);
            if (onThisHost(vm) && !vm.bool("config.template", false)) {
                mine.add(info(VmId.of(reverse.getOrDefault(vm.ref().value(), vm.ref().value())), vm));
            }
        }
        mine.sort(Comparator.comparing(VmInfo::id));
        return mine;
    }

    @Override
    public Optional<VmInfo> vm(VmId id) {
        return read(id).filter(this::onThisHost).map(vm -> info(id, vm));
    }

    /**
     * {@inheritDoc} See the class comment. {@code datastore} is the VM's home datastore as the
     * master knows it; a VM registered from another datastore is logged, not refused.
     *
     * @throws HypervisorException if the VM is powered on on another host, is unknown to this
     *                             agent, or vSphere refuses
     */
    @Override
    public VmInfo register(String datastore, VmId id) {
        Optional<ObjectProperties> existing = read(id);
        if (existing.isPresent()) {
            ObjectProperties vm = existing.get();
            if (onThisHost(vm)) {
                return info(id, vm);
            }
            requireNotRunningElsewhere(id, vm);
            if (vcenter() && effectivePowerOnMode() == PowerOnMode.RELOCATE) {
                run(id, () -> client().vms().relocate(vm.ref(), self, settings.taskTimeoutMs()));
                return info(id, read(id).orElseThrow(() -> new HypervisorException(id, "vanished after relocate")));
            }
            return info(id, vm);
        }
        Known k = known.get(id.moid());
        if (k == null) {
            throw new HypervisorException(id, "not in the vSphere inventory, and its .vmx path is unknown to this agent "
                    + "(it never saw the VM in an inventory read)");
        }
        VmxPath.parse(k.vmxPath()).filter(p -> !p.datastore().equals(datastore)).ifPresent(p ->
                LOG.warn("{}: registering from {} although the master names datastore {}", id, k.vmxPath(), datastore));
        MoRef pool = resourcePoolOfThisHost(id);
        MoRef registered;
        try {
            registered = client().vms().register(k.folder(), k.vmxPath(), k.name(), pool, vcenter() ? self : null,
                    settings.taskTimeoutMs());
        } catch (VsphereException e) {
            throw new HypervisorException(id, "RegisterVM_Task " + k.vmxPath() + " on " + self.value() + " failed: "
                    + describe(e), e);
        }
        if (!registered.value().equals(id.moid())) {
            aliases.put(id.moid(), registered.value());
            LOG.info("{} registered again from {} as {} (reported as {})", id, k.vmxPath(), registered.value(), id);
        }
        return info(id, read(id).orElseThrow(() -> new HypervisorException(id, "vanished after RegisterVM_Task")));
    }

    /**
     * {@inheritDoc} Powers the VM on on this host: see {@link PowerOnMode}. Already powered on here:
     * nothing to do.
     *
     * @throws HypervisorException if the VM is unknown, powered on on another host, the server put
     *                             it on another host, or vSphere refuses or times out
     */
    @Override
    public void powerOn(VmId id) {
        ObjectProperties vm = read(id).orElseThrow(() -> new HypervisorException(id, "not in the vSphere inventory"));
        if (poweredOn(vm)) {
            if (onThisHost(vm)) {
                return;
            }
            requireNotRunningElsewhere(id, vm);
        }
        if (!vcenter()) {
            run(id, () -> client().vms().powerOn(vm.ref(), null, settings.taskTimeoutMs()));
            return;
        }
        if (effectivePowerOnMode() == PowerOnMode.RELOCATE) {
            if (!onThisHost(vm)) {
                run(id, () -> client().vms().relocate(vm.ref(), self, settings.taskTimeoutMs()));
            }
            run(id, () -> client().vms().powerOn(vm.ref(), null, settings.taskTimeoutMs()));
            return;
        }
        run(id, () -> client().vms().powerOn(vm.ref(), self, settings.taskTimeoutMs()));
        ObjectProperties after = read(id).orElseThrow(() -> new HypervisorException(id, "vanished after power-on"));
        if (!onThisHost(after)) {
            throw new HypervisorException(id, "the server ignored the host argument of PowerOnVM_Task: the VM runs on "
                    + after.moRef("runtime.host").map(MoRef::value).orElse("?") + ", not " + self.value()
                    + " (use powerOnMode relocate for this server)");
        }
    }

    /** {@inheritDoc} Already powered off: nothing to do. */
    @Override
    public void powerOff(VmId id) {
        ObjectProperties vm = read(id).orElseThrow(() -> new HypervisorException(id, "not in the vSphere inventory"));
        if (!onThisHost(vm)) {
            throw new HypervisorException(id, "registered on " + vm.moRef("runtime.host").map(MoRef::value).orElse("no host")
                    + ", not on " + self.value());
        }
        if (poweredOn(vm)) {
            run(id, () -> client().vms().powerOff(vm.ref(), settings.taskTimeoutMs()));
        }
    }

    /**
     * {@inheritDoc} {@code ShutdownGuest} through vsphere-client; already powered off: nothing to do.
     *
     * @throws HypervisorException if the VM is unknown, not on this host, or vSphere refuses
     *                             ({@code [FAULT ToolsUnavailable]} without VMware Tools)
     */
    @Override
    public void shutdownGuest(VmId id) {
        ObjectProperties vm = read(id).orElseThrow(() -> new HypervisorException(id, "not in the vSphere inventory"));
        if (!onThisHost(vm)) {
            throw new HypervisorException(id, "registered on " + vm.moRef("runtime.host").map(MoRef::value).orElse("no host")
                    + ", not on " + self.value());
        }
        if (poweredOn(vm)) {
            run(id, () -> client().vms().shutdownGuest(vm.ref()));
        }
    }

    /**
     * {@inheritDoc} {@code ResetVM_Task}; vSphere refuses it for a powered-off VM.
     */
    @Override
    public void reset(VmId id) {
        ObjectProperties vm = read(id).orElseThrow(() -> new HypervisorException(id, "not in the vSphere inventory"));
        if (!onThisHost(vm)) {
            throw new HypervisorException(id, "registered on " + vm.moRef("runtime.host").map(MoRef::value).orElse("no host")
                    + ", not on " + self.value());
        }
        if (!poweredOn(vm)) {
            throw new HypervisorException(id, "cannot reset: powered off");
        }
        run(id, () -> client().vms().reset(vm.ref(), settings.taskTimeoutMs()));
    }

    /**
     * Every datastore vSphere reports, by name, with its local directory: the override from the
     * settings, else the path in {@code summary.url} (or {@code info.url}), see {@link DatastoreUrls}.
     * Datastores without either are left out. One API call.
     *
     * @throws HypervisorException if vSphere cannot be read
     */
    public Map<String, Path> datastorePaths() {
        List<ObjectProperties> all;
        try {
            all = client().inventory().readAll(DATASTORE_QUERY);
        } catch (VsphereException e) {
            throw new HypervisorException("cannot list the datastores: " + describe(e), e);
        }
        Map<String, Path> out = new TreeMap<>();
        for (ObjectProperties ds : all) {
            String name = ds.string("name").orElse(ds.ref().value());
            Path override = settings.datastorePaths().get(name);
            Optional<Path> local = override != null ? Optional.of(override)
                    : DatastoreUrls.localPath(ds.string("summary.url").orElse(null))
                    .or(() -> DatastoreUrls.localPath(ds.string("info.url").orElse(null)));
            local.ifPresent(p -> out.put(name, p));
        }
        return out;
    }

    @Override
    public void close() {
        connector.close();
    }

    // ------------------------------------------------------------------ helpers

    private VsphereClient client() {
        return connector.client();
    }

    private boolean vcenter() {
        try {
            return client().about().vcenter();
        } catch (VsphereException e) {
            throw new HypervisorException("cannot reach vSphere: " + describe(e), e);
        }
    }

    private Optional<ObjectProperties> read(VmId id) {
        String moid = aliases.getOrDefault(id.moid(), id.moid());
        try {
            Optional<ObjectProperties> vm = client().inventory().read(MoRef.vm(moid), VM_QUERY);
            vm.ifPresent(this::learn);
            return vm;
        } catch (VsphereException e) {
            throw new HypervisorException(id, "cannot read it from vSphere: " + describe(e), e);
        }
    }

    private void learn(ObjectProperties vm) {
        Optional<String> path = vm.string("config.files.vmPathName");
        Optional<MoRef> folder = vm.moRef("parent");
        if (path.isPresent() && folder.isPresent()) {
            known.put(vm.ref().value(), new Known(vm.string("name").orElse(null), path.get(), folder.get()));
        }
    }

    private MoRef resourcePoolOfThisHost(VmId id) {
        try {
            MoRef computeResource = client().inventory().read(self, PropertyQuery.of("HostSystem", "parent"))
                    .flatMap(h -> h.moRef("parent"))
                    .orElseThrow(() -> new HypervisorException(id, "host " + self.value() + " not found in vSphere"));
            return client().inventory().read(computeResource, PropertyQuery.of(computeResource.type(), "resourcePool"))
                    .flatMap(c -> c.moRef("resourcePool"))
                    .orElseThrow(() -> new HypervisorException(id, "no resource pool for " + computeResource));
        } catch (VsphereException e) {
            throw new HypervisorException(id, "cannot find the resource pool of " + self.value() + ": " + describe(e), e);
        }
    }

    private boolean onThisHost(ObjectProperties vm) {
        return vm.moRef("runtime.host").map(self::equals).orElse(false);
    }

    private static boolean poweredOn(ObjectProperties vm) {
        return vm.string("runtime.powerState").map("poweredOn"::equals).orElse(false);
    }

    private void requireNotRunningElsewhere(VmId id, ObjectProperties vm) {
        if (poweredOn(vm)) {
            throw new HypervisorException(id, "powered on on " + vm.moRef("runtime.host").map(MoRef::value).orElse("another host")
                    + "; not starting a second copy on " + self.value());
        }
    }

    private VmInfo info(VmId id, ObjectProperties vm) {
        String home = vm.string("config.files.vmPathName").flatMap(VmxPath::parse).map(VmxPath::datastore).orElse("");
        return new VmInfo(id, vm.string("name").orElse(id.moid()), home,
                poweredOn(vm) ? PowerState.POWERED_ON : PowerState.POWERED_OFF,
                clamp(vm.number("config.cpuAllocation.reservation", 0)),
                clamp(vm.number("config.memoryAllocation.reservation", 0)),
                RestartPriority.MEDIUM, guestHeartbeat(vm.string("summary.quickStats.guestHeartbeatStatus").orElse("gray")));
    }

    /**
     * The guest heartbeat status as {@code summary.quickStats.guestHeartbeatStatus} gives it (a
     * {@code ManagedEntityStatus}: gray, green, yellow, red; the same value as
     * {@code VirtualMachine.guestHeartbeatStatus}, which vcsim leaves unset while it fills the
     * quick stats); anything else is gray (unknown).
     */
    static GuestHeartbeat guestHeartbeat(String status) {
        return switch (status) {
            case "green" -> GuestHeartbeat.GREEN;
            case "yellow" -> GuestHeartbeat.YELLOW;
            case "red" -> GuestHeartbeat.RED;
            default -> GuestHeartbeat.GRAY;
        };
    }

    private static int clamp(long value) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, value));
    }

    private void run(VmId id, Runnable call) {
        try {
            call.run();
        } catch (VsphereException e) {
            throw new HypervisorException(id, describe(e), e);
        }
    }

    /** The exception's message with its kind and fault name: {@code "... [FAULT InvalidPowerState]"}. */
    static String describe(VsphereException e) {
        return e.getMessage() + " [" + e.kind() + (e.faultName().isEmpty() ? "" : " " + e.faultName()) + "]";
    }
}
