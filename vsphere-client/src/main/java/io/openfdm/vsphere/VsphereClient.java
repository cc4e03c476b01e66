package io.openfdm.vsphere;

import com.vmware.vim25.AboutInfo;
import com.vmware.vim25.OptionValue;
import io.openfdm.vsphere.property.InventoryReader;
import io.openfdm.vsphere.property.PropertyQuery;
import io.openfdm.vsphere.property.UpdateWatcher;
import io.openfdm.vsphere.soap.Session;
import io.openfdm.vsphere.task.TaskWaiter;
import io.openfdm.vsphere.vm.VmOperations;

/**
 * A connection to one vCenter or ESXi endpoint, the entry point of this module. Everything it
 * hands out speaks plain records ({@link MoRef}, {@link io.openfdm.vsphere.property.ObjectProperties},
 * ...); every failure is a {@link VsphereException}.
 *
 * <pre>{@code
 * try (VsphereClient vc = VsphereClient.connect(VsphereEndpoint.of(URI.create(url), user, pw, true))) {
 *     List<ObjectProperties> vms = vc.inventory().readAll(
 *             PropertyQuery.of("VirtualMachine", "name", "runtime.powerState", "runtime.host"));
 *     vc.vms().powerOn(MoRef.vm("vm-42"), MoRef.host("host-7"), 30_000);
 * }
 * }</pre>
 *
 * <p>Thread-safe. A session that the server forgets ({@code NotAuthenticated}) is re-established
 * transparently; see {@link Session}.
 */
public final class VsphereClient implements AutoCloseable {
    private static final String VCSIM_SETTING = "vcsim.server.url";

    private final Session session;
    private final InventoryReader inventory;
    private final VmOperations vms;
    private final TaskWaiter tasks;
    private volatile ServerAbout about;

    private VsphereClient(Session session) {
        this.session = session;
        this.inventory = new InventoryReader(session);
        this.vms = new VmOperations(session);
        this.tasks = new TaskWaiter(session);
    }

    /**
     * Connects and logs in (two API calls: {@code RetrieveServiceContent}, {@code Login}).
     *
     * @throws VsphereException {@code AUTHENTICATION} for wrong credentials, {@code UNREACHABLE} or
     *                          {@code TIMEOUT} when the endpoint does not answer
     */
    public static VsphereClient connect(VsphereEndpoint endpoint) {
        return new VsphereClient(Session.open(endpoint));
    }

    public VsphereEndpoint endpoint() {
        return session.endpoint();
    }

    /**
     * What the server is; the first call asks the OptionManager whether it is vcsim (one API
     * call), later calls are answered from memory.
     */
    public ServerAbout about() {
        ServerAbout a = about;
        if (a == null) {
            AboutInfo info = session.content().getAbout();
            boolean simulator = ServerAbout.VCSIM_INSTANCE_UUID.equals(info.getInstanceUuid()) || hasVcsimSetting();
            a = new ServerAbout(nz(info.getName()), nz(info.getFullName()), nz(info.getVersion()), nz(info.getBuild()),
                    nz(info.getApiType()), nz(info.getApiVersion()), nz(info.getInstanceUuid()), simulator);
            about = a;
        }
        return a;
    }

    private boolean hasVcsimSetting() {
        if (session.content().getSetting() == null) {
            return false;
        }
        try {
            OptionValue[] values = session.call("QueryOptions " + VCSIM_SETTING, (vim, sc) ->
                    vim.queryOptions(sc.getSetting(), VCSIM_SETTING));
            return values != null && values.length > 0;
        } catch (VsphereException e) {
            if (e.transientFailure()) {
                throw e;
            }
            return false; // InvalidName: a real server has no such setting
        }
    }

    /** API calls sent so far over this connection (HTTP POSTs, including logins and failed calls). */
    public long apiCalls() {
        return session.apiCalls();
    }

    /** Logins so far: 1 after {@link #connect}, +1 for each transparent re-login. */
    public long sessionEpoch() {
        return session.epoch();
    }

    /** The root folder of the inventory. */
    public MoRef rootFolder() {
        return Session.moRef(session.content().getRootFolder());
    }

    /** PropertyCollector reads ({@code RetrievePropertiesEx} over container views). */
    public InventoryReader inventory() {
        return inventory;
    }

    /** A new {@code WaitForUpdatesEx} watch over {@code container}; close it when done. */
    public UpdateWatcher watch(MoRef container, PropertyQuery query) {
        return new UpdateWatcher(session, container, query);
    }

    /** VM power, relocation and registration tasks. */
    public VmOperations vms() {
        return vms;
    }

    /** Waiting for any task by reference. */
    public TaskWaiter tasks() {
        return tasks;
    }

    /**
     * The underlying session, for operations this module does not wrap yet. <b>Internal:</b> it
     * speaks yavijava types; add a wrapper class to this module rather than using it elsewhere.
     */
    public Session session() {
        return session;
    }

    /** Destroys this client's container views and logs out (best effort). Idempotent. */
    @Override
    public void close() {
        try {
            inventory.close();
        } finally {
            session.close();
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
