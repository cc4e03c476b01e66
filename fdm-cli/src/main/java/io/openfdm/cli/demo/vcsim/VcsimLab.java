package io.openfdm.cli.demo.vcsim;

import io.openfdm.cli.CliException;
import io.openfdm.cli.cluster.MoidOrder;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.VsphereClient;
import io.openfdm.vsphere.VsphereEndpoint;
import io.openfdm.vsphere.VsphereException;
import io.openfdm.vsphere.property.ObjectProperties;
import io.openfdm.vsphere.property.PropertyQuery;
import io.openfdm.vsphere.vcsim.Vcsim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The demo's vCenter: a vcsim process with one datacenter holding ONE cluster of {@code hosts}
 * hosts, {@code datastores} datastores shared by all of them and {@code vms} VMs, and a vSphere
 * client (the "operator's" session the demo fails hosts and reads results with).
 *
 * <p>vcsim 0.24 with {@code -cluster 1 -host H -ds D -vm V -standalone-host 0} creates the cluster's
 * hosts {@code DC0_C0_H0..}, datastores {@code LocalDS_0..} mounted on every host, and V VMs
 * {@code DC0_C0_RP0_VM0..} in the cluster's root resource pool, all powered on, all on
 * {@code LocalDS_0}, on hosts it picks at random (some hosts get none). {@link #start} therefore
 * relocates the VMs round-robin (VM i to host i mod H, in name order) so every host runs V/H of them.
 */
public final class VcsimLab implements AutoCloseable {
    /** Longest wait for one relocate or power task during setup, milliseconds. */
    static final long SETUP_TASK_TIMEOUT_MS = 30_000;
    static final PropertyQuery LAYOUT = PropertyQuery.of("ClusterComputeResource", "name", "host")
            .and("HostSystem", List.of("name"));

    private final Vcsim vcsim;
    private final VsphereClient client;
    private final String clusterMoid;
    private final String clusterName;
    /** Host MOIDs in vCenter's name order. */
    private final List<String> hosts;
    private final List<String> hostNames;

    private VcsimLab(Vcsim vcsim, VsphereClient client, String clusterMoid, String clusterName, List<String> hosts,
                     List<String> hostNames) {
        this.vcsim = vcsim;
        this.client = client;
        this.clusterMoid = clusterMoid;
        this.clusterName = clusterName;
        this.hosts = hosts;
        this.hostNames = hostNames;
    }

    /** The vcsim flags for this layout, and {@code -delay} when {@code delayMs > 0}. */
    static List<String> flags(int hosts, int datastores, int vms, int delayMs) {
        List<String> flags = new ArrayList<>(List.of("-dc", "1", "-cluster", "1", "-host", Integer.toString(hosts),
                "-ds", Integer.toString(datastores), "-vm", Integer.toString(vms), "-standalone-host", "0"));
        if (delayMs > 0) {
            flags.addAll(List.of("-delay", Integer.toString(delayMs)));
        }
        return List.copyOf(flags);
    }

    /**
     * Starts vcsim on 127.0.0.1 (a free port), checks the inventory has the expected shape and spreads the VMs.
     *
     * @param delayMs vcsim's {@code -delay}: every call answered after this many milliseconds (0: none)
     * @param tempDir an existing directory for vcsim's datastore directories ({@code govcsim-DC0-LocalDS_0-N})
     * @throws CliException (failed) if vcsim does not start or builds something else
     */
    public static VcsimLab start(Path binary, int hosts, int datastores, int vms, int delayMs, Path tempDir) {
        Vcsim vcsim;
        try {
            vcsim = Vcsim.start(binary, Vcsim.Options.flags(flags(hosts, datastores, vms, delayMs).toArray(String[]::new))
                    .tempDir(tempDir));
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw CliException.failed("vcsim did not start: " + e.getMessage());
        }
        try {
            VsphereClient client = VsphereClient.connect(vcsim.endpoint());
            try {
                VcsimLab lab = inspect(vcsim, client, hosts);
                lab.spread(vms);
                return lab;
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        } catch (VsphereException e) {
            vcsim.close();
            throw CliException.failed("vcsim at " + vcsim.sdkUrl() + " could not be set up: " + e.getMessage());
        } catch (RuntimeException e) {
            vcsim.close();
            throw e;
        }
    }

    private static VcsimLab inspect(Vcsim vcsim, VsphereClient client, int expectedHosts) {
        List<ObjectProperties> objects = client.inventory().readAll(LAYOUT);
        List<ObjectProperties> clusters = objects.stream().filter(o -> o.ref().type().equals("ClusterComputeResource")).toList();
        if (clusters.size() != 1) {
            throw CliException.failed("vcsim built " + clusters.size() + " clusters, expected 1");
        }
        ObjectProperties cluster = clusters.get(0);
        List<String> members = cluster.moRefs("host").stream().map(MoRef::value).toList();
        List<ObjectProperties> hostObjects = objects.stream().filter(o -> o.ref().type().equals("HostSystem"))
                .filter(o -> members.contains(o.ref().value()))
                .sorted(Comparator.comparing((ObjectProperties o) -> o.string("name").orElse(""), MoidOrder.NATURAL))
                .toList();
        if (hostObjects.size() != expectedHosts) {
            throw CliException.failed("vcsim's cluster has " + hostObjects.size() + " hosts, expected " + expectedHosts);
        }
        return new VcsimLab(vcsim, client, cluster.ref().value(), cluster.string("name").orElse(cluster.ref().value()),
                hostObjects.stream().map(o -> o.ref().value()).toList(),
                hostObjects.stream().map(o -> o.string("name").orElse(o.ref().value())).toList());
    }

    /** Relocates VM i (name order) to host i mod H and powers on any VM that is off. */
    private void spread(int expectedVms) {
        List<VmRow> vms = new ArrayList<>(VmCensus.read(client).stream().filter(v -> hosts.contains(v.host())).toList());
        if (vms.size() != expectedVms) {
            throw CliException.failed("vcsim's cluster has " + vms.size() + " VMs, expected " + expectedVms);
        }
        vms.sort(Comparator.comparing(VmRow::name, MoidOrder.NATURAL));
        for (int i = 0; i < vms.size(); i++) {
            VmRow vm = vms.get(i);
            String target = hosts.get(i % hosts.size());
            if (!vm.host().equals(target)) {
                client.vms().relocate(MoRef.vm(vm.moid()), MoRef.host(target), SETUP_TASK_TIMEOUT_MS);
            }
            if (!vm.poweredOn()) {
                client.vms().powerOn(MoRef.vm(vm.moid()), null, SETUP_TASK_TIMEOUT_MS);
            }
        }
    }

    public VsphereClient client() {
        return client;
    }

    public VsphereEndpoint endpoint() {
        return vcsim.endpoint();
    }

    public Vcsim vcsim() {
        return vcsim;
    }

    public String clusterMoid() {
        return clusterMoid;
    }

    public String clusterName() {
        return clusterName;
    }

    /** The cluster's host MOIDs in vCenter's name order ({@code DC0_C0_H0} first). */
    public List<String> hosts() {
        return hosts;
    }

    /** vCenter's name of a member host, or the MOID itself. */
    public String hostName(String moid) {
        int i = hosts.indexOf(moid);
        return i < 0 ? moid : hostNames.get(i);
    }

    /** The cluster's VMs now (one read). */
    public List<VmRow> clusterVms() {
        return VmCensus.read(client).stream().filter(v -> hosts.contains(v.host())).toList();
    }

    /** Logs out and stops vcsim (SIGTERM; it removes its datastore directories). Idempotent. */
    @Override
    public void close() {
        try {
            client.close();
        } catch (RuntimeException e) {
            // vcsim may already be gone
        }
        vcsim.close();
    }
}
