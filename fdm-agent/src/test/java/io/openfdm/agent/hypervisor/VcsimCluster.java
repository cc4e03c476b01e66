package io.openfdm.agent.hypervisor;

import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.config.ClusterFixtures;
import io.openfdm.agent.config.VsphereSettings;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;
import io.openfdm.hostd.vsphere.PowerOnMode;
import io.openfdm.vsphere.VsphereClient;
import io.openfdm.vsphere.property.ObjectProperties;
import io.openfdm.vsphere.property.PropertyQuery;
import io.openfdm.vsphere.vcsim.Vcsim;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Builds cluster and agent configurations for the hosts and datastore of a running vcsim. */
final class VcsimCluster {
    /** Aggressive timers with quick restart retries, so failure tests stay short. */
    static final Timing TIMING = new Timing(20, 100, 800, 800, 800, 50, 200, 800, 200, 400, 800, 200, 1500, 200, 3, 32);

    private VcsimCluster() {
    }

    static Vcsim start(Vcsim.Options options) {
        return io.openfdm.vsphere.VcsimFixture.start(options);
    }

    /** The host MOIDs of a vcsim, sorted. */
    static List<HostId> hosts(VsphereClient vc) {
        return vc.inventory().readAll(PropertyQuery.of("HostSystem", "name")).stream()
                .map(o -> HostId.of(o.ref().value())).sorted().toList();
    }

    /** The datastore's URL as vSphere reports it, written as a {@code ds://} URL as a bridge might. */
    static String datastoreUrl(VsphereClient vc, String name) {
        ObjectProperties ds = vc.inventory().readAll(PropertyQuery.of("Datastore", "name", "summary.url")).stream()
                .filter(o -> o.string("name").orElse("").equals(name)).findFirst().orElseThrow();
        String url = ds.string("summary.url").orElseThrow();
        return url.startsWith("/") ? "ds://" + url : url;
    }

    /** Hosts at 127.0.5.11, .12, ... on free UDP ports, all on {@code LocalDS_0} at vcsim's own directory. */
    static ClusterConfig cluster(VsphereClient vc, List<HostId> hosts) throws Exception {
        return cluster(hosts, datastoreUrl(vc, "LocalDS_0"));
    }

    /** Hosts at 127.0.5.11, .12, ... on free UDP ports, all on {@code LocalDS_0} at {@code datastorePath}. */
    static ClusterConfig cluster(List<HostId> hosts, String datastorePath) throws Exception {
        List<HostSpec> specs = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            String address = "127.0.5." + (11 + i);
            specs.add(new HostSpec(hosts.get(i), address, freeUdpPort(address), List.of("LocalDS_0"), 20000, 65536));
        }
        return new ClusterConfig("c-vsphere", 1, ClusterFixtures.KEY_HEX, specs,
                List.of(new DatastoreSpec("LocalDS_0", datastorePath)), List.of(), 1, TIMING).validate();
    }

    static AgentConfig agent(Path dir, HostId host, int index, URI url, String user, String password, int readTimeoutMs)
            throws Exception {
        Path home = Files.createDirectories(dir.resolve(host.moid()));
        Path passwordFile = home.resolve("vc.password");
        Files.writeString(passwordFile, password + "\n");
        String address = "127.0.5." + (11 + index);
        VsphereSettings vsphere = new VsphereSettings(url, user, passwordFile, true, host, PowerOnMode.AUTO, Map.of(),
                1000, readTimeoutMs, 10_000, 200);
        return new AgentConfig(host, home.resolve("state"), dir.resolve("cluster.json"),
                new InetSocketAddress(InetAddress.getByName(address), freeTcpPort(address)), "vsphere", vsphere);
    }

    static int freeUdpPort(String address) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, 0))) {
            return s.getLocalPort();
        }
    }

    static int freeTcpPort(String address) throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return s.getLocalPort();
        }
    }

    static void waitFor(String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
