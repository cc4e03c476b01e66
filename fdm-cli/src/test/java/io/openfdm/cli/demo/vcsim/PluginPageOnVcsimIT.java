package io.openfdm.cli.demo.vcsim;

import io.openfdm.vsphere.VcsimFixture;
import io.openfdm.bridge.web.HeadlessPage;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.bridge.BridgeClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin page on the real thing: vcsim, the bridge, and four agent processes on the vSphere
 * backend (the {@code fdm demo --vcsim} harness), read and clicked in headless Chromium. The
 * page shows the master and every host's FDM state as the agents report them, all 16 VMs
 * protected; after a host fails it shows that host down and its VMs on other hosts, by itself;
 * Disable HA and Enable HA clicked on the page change what the real bridge pushes.
 */
@Tag("processes")
class PluginPageOnVcsimIT {
    /** Longest wait for a change that involves the agents (failure detection, restarts, a push). */
    static final Duration AGENT_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void thePageShowsTheRealClusterFollowsAHostFailureAndItsButtonsDriveTheBridge() {
        Path binary = VcsimFixture.binary();
        VcsimDemoSpec spec = new VcsimDemoSpec(tmp.resolve("demo"), 4, 2, 16, "default", "127.0.6.61", 8182, 60_000, 30_000, 0)
                .validate();
        StringWriter log = new StringWriter();
        try (HeadlessPage page = HeadlessPage.start();
             VcsimDemo demo = VcsimDemo.start(spec, binary, new PrintWriter(log, true))) {
            ClusterView ready = demo.awaitProtected();
            String cluster = demo.lab().clusterMoid();
            String master = ready.requirePreferred().status().host();
            String victim = demo.pickSlave(ready);
            String base = "http://127.0.0.1:" + demo.bridge().webAddress().getPort() + "/";

            page.open(base + "#/clusters/" + cluster);
            page.until(AGENT_WAIT, d -> page.texts("#hosts tbody tr").size() == 4
                    && "16 of 16".equals(page.text("#protected-count")));
            assertThat(page.attr("#cluster-ha", "data-ha")).isEqualTo("enabled");
            assertThat(page.text("#master")).contains(master);
            assertThat(page.text("#vcenter-state")).isEqualTo("Connected");
            Map<String, String> states = page.rows("hosts", "moid", "state");
            assertThat(states).hasSize(4).containsEntry(master, "master");
            assertThat(states).allSatisfy((host, state) -> assertThat(state).isIn("master", "connectedToMaster"));

            HostFailure failure = demo.failHost(victim, false);   // no click: the page must notice by itself
            List<String> victimVms = failure.vms().stream().map(VmRow::name).toList();
            page.until(AGENT_WAIT, d -> "hostDown".equals(page.attr("#hosts tr[data-moid='" + victim + "']", "data-state")));
            page.until(AGENT_WAIT, d -> {
                Map<String, String> hosts = page.rows("vms", "name", "host");
                Map<String, String> power = page.rows("vms", "name", "power");
                return victimVms.stream().allMatch(vm -> !hosts.get(vm).contains(victim) && "poweredOn".equals(power.get(vm)));
            });
            assertThat(page.texts("#events tbody td[data-field='message']")).anyMatch(m -> m.contains(victim));

            // The buttons drive the real bridge: Disable HA, then Enable HA again, from the cluster list.
            BridgeClient api = BridgeClients.of(demo.bridge().webAddress());
            long before = api.status(cluster).cluster().configVersion();
            page.open(base);
            page.click(HeadlessPage.button("disable-ha", cluster));
            page.until(AGENT_WAIT, d -> "disabled".equals(page.attr("#clusters tr[data-moid='" + cluster + "']", "data-ha")));
            assertThat(api.status(cluster).cluster().haEnabled()).isFalse();
            page.click(HeadlessPage.button("enable-ha", cluster));
            page.until(AGENT_WAIT, d -> "enabled".equals(page.attr("#clusters tr[data-moid='" + cluster + "']", "data-ha")));
            assertThat(api.status(cluster).cluster().haEnabled()).isTrue();
            assertThat(api.status(cluster).cluster().configVersion()).as("each click pushed a version").isGreaterThanOrEqualTo(before + 2);
            assertThat(page.warnings()).as("no script errors, no Content-Security-Policy violations").isEmpty();
        }
    }
}
