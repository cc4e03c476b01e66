package io.openfdm.cli.bridge;

import io.openfdm.bridge.api.ClusterStatus;
import io.openfdm.bridge.api.ClusterSummary;
import io.openfdm.bridge.web.InMemoryBridgeService;
import io.openfdm.bridge.web.WebServer;
import io.openfdm.cli.CliRun;
import io.openfdm.cli.ExitCodes;
import io.openfdm.datastore.json.FdmJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code fdm bridge} client commands against a real bridge web server over an in-memory bridge. */
class BridgeCommandsTest {
    private final InMemoryBridgeService service = InMemoryBridgeService.sample();
    private WebServer web;
    private String url;

    @BeforeEach
    void start() {
        web = new WebServer(service, new InetSocketAddress("127.0.4.4", 0));
        web.start();
        url = "http://127.0.4.4:" + web.address().getPort();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private CliRun fdm(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bridge";
        all[args.length + 1] = url;
        return CliRun.of(all);
    }

    @Test
    void clustersTable() {
        service.enableHa("domain-c7");
        CliRun r = fdm("bridge", "clusters");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                CLUSTER    NAME        HOSTS  VMS  HA        CLUSTER ID     CONFIG VERSION
                domain-c9  Lab             0    0  disabled  -                           0
                domain-c7  Production      3    6  enabled   fdm-domain-c7               1
                """);
    }

    @Test
    void clustersJsonIsTheApisAnswer() throws Exception {
        CliRun r = fdm("bridge", "clusters", "--json");
        assertThat(r.exitCode()).isZero();
        ClusterSummary[] parsed = FdmJson.mapper().readValue(r.out(), ClusterSummary[].class);
        assertThat(List.of(parsed)).isEqualTo(service.clusters());
    }

    @Test
    void enableAndDisableChangeTheBridge() {
        CliRun on = fdm("bridge", "enable", "domain-c7");
        assertThat(on.exitCode()).as(on.err()).isZero();
        assertThat(on.out()).isEqualTo("vSphere HA enabled on Production (domain-c7): cluster id fdm-domain-c7, "
                + "config version 1, 3 hosts, 6 VMs\n");
        assertThat(service.status("domain-c7").cluster().haEnabled()).isTrue();

        CliRun off = fdm("bridge", "disable", "domain-c7", "--json");
        assertThat(off.exitCode()).isZero();
        assertThat(off.out()).contains("\"haEnabled\" : false").contains("\"configVersion\" : 2");
        assertThat(service.status("domain-c7").cluster().haEnabled()).isFalse();
    }

    @Test
    void refusalsCarryTheBridgesMessageAndExitStatus() {
        CliRun unknown = fdm("bridge", "enable", "domain-c404");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).isEqualTo("fdm: bridge refused POST /api/clusters/domain-c404/enable-ha (404): "
                + "no cluster domain-c404 in vCenter's inventory\n");

        CliRun noHosts = fdm("bridge", "enable", "domain-c9");
        assertThat(noHosts.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noHosts.err()).contains("(400): cluster domain-c9 (Lab) has no hosts");

        CliRun badMoid = fdm("bridge", "status", "--cluster", "a b");
        assertThat(badMoid.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badMoid.err()).contains("moid: 'a%20b' is not a managed object id");

        service.setVcenterConnected(false);
        CliRun down = fdm("bridge", "disable", "domain-c7");
        assertThat(down.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(down.err()).isEqualTo("fdm: bridge: cannot disable HA on domain-c7: vCenter is not reachable\n");
        assertThat(down.out()).isEmpty();
    }

    @Test
    void statusOfOneCluster() {
        service.enableHa("domain-c7");
        service.failHost("domain-c7", "host-12");
        CliRun r = fdm("bridge", "status", "--cluster", "domain-c7");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("cluster         Production (domain-c7)\n")
                .contains("vSphere HA      enabled\n")
                .contains("master          host-11 (esx-01.lab.local)\n")
                .contains("protected VMs   5 of 6\n")
                .contains("vCenter         connected\n");
        List<String> lines = r.out().lines().toList();
        assertThat(lines).contains(
                "HOST     NAME              HA STATE           CONNECTION  AGENT            DATASTORES",
                "host-11  esx-01.lab.local  master             connected   127.0.0.11:8190  ds-1,ds-2",
                "host-12  esx-02.lab.local  hostDown           connected   127.0.0.12:8190  ds-1,ds-2");
        assertThat(lines).anyMatch(l -> l.matches("vm-103 +web-02 +host-1[13] +poweredOn +yes +medium +none"));
        assertThat(lines).anyMatch(l -> l.matches("vm-106 +spare-01 +host-13 +poweredOff +no +medium +none"));
        assertThat(lines).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +host-11 +HOST_STATE_CHANGED +host-12 is hostDown"));
    }

    @Test
    void statusShowsADisconnectedVcenterAndTrimsEvents() {
        service.enableHa("domain-c7");
        service.failHost("domain-c7", "host-13");
        service.failHost("domain-c7", "host-12");
        service.disableHa("domain-c7");
        service.enableHa("domain-c7");
        service.setVcenterConnected(false);
        CliRun r = fdm("bridge", "status", "--cluster", "domain-c7");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("vCenter         DISCONNECTED (showing what the agents report)\n");
        int events = service.status("domain-c7").events().size();
        assertThat(events).isGreaterThan(BridgeStatusCommand.EVENTS_SHOWN);
        assertThat(r.out()).endsWith("(last 10 of " + events + " events; --json for all)\n");
    }

    @Test
    void statusJsonRoundTrips() throws Exception {
        service.enableHa("domain-c7");
        CliRun r = fdm("bridge", "status", "--cluster", "domain-c7", "--json");
        assertThat(r.exitCode()).isZero();
        ClusterStatus parsed = FdmJson.mapper().readValue(r.out(), ClusterStatus.class);
        assertThat(parsed).usingRecursiveComparison().ignoringFields("asOfMs").isEqualTo(service.status("domain-c7"));
    }

    @Test
    void statusWithoutClusterShowsEveryHaCluster() throws Exception {
        CliRun none = fdm("bridge", "status");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).startsWith("vSphere HA is not enabled on any cluster");
        assertThat(fdm("bridge", "status", "--json").out().strip()).isEqualTo("[ ]");

        service.enableHa("domain-c7");
        CliRun one = fdm("bridge", "status");
        assertThat(one.out()).contains("Production (domain-c7)").doesNotContain("domain-c9");
        ClusterStatus[] parsed = FdmJson.mapper().readValue(fdm("bridge", "status", "--json").out(), ClusterStatus[].class);
        assertThat(parsed).extracting(s -> s.cluster().moid()).containsExactly("domain-c7");
    }

    @Test
    void unreachableBridgeIsExit1NamingTheUrl() {
        web.close();
        CliRun r = fdm("bridge", "clusters");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err()).isEqualTo("fdm: bridge at " + url + " not answering (connection refused); "
                + "is `fdm bridge` running there? (--bridge URL)\n");
    }

    @Test
    void badBridgeUrlOrMissingMoidIsAUsageError() {
        CliRun scheme = CliRun.of("bridge", "clusters", "--bridge", "127.0.0.1:8480");
        assertThat(scheme.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(scheme.err()).contains("--bridge: '127.0.0.1:8480' must start with http:// or https://");
        CliRun junk = CliRun.of("bridge", "clusters", "--bridge", "http://[bad");
        assertThat(junk.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(junk.err()).contains("--bridge: 'http://[bad' is not a URL");
        CliRun missing = fdm("bridge", "enable");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("Missing required parameter: 'MOID'");
    }

    @Test
    void defaultBridgeUrlIsTheBridgesDefaultListenAddress() {
        assertThat(BridgeOptions.DEFAULT_URL).isEqualTo("http://127.0.0.1:" + WebServer.DEFAULT_PORT);
        assertThat(CliRun.of("bridge", "status", "--help").out()).contains("default: http://127.0.0.1:8480");
    }

    @Test
    void aTrailingSlashOrNoneReachesTheSameApi() {
        assertThat(CliRun.of("bridge", "clusters", "--bridge", url + "/").exitCode()).isZero();
        assertThat(new BridgeClient(java.net.URI.create(url)).clusters()).hasSize(2);
        CliRun prefixed = CliRun.of("bridge", "clusters", "--bridge", url + "/prefix");
        assertThat(prefixed.exitCode()).as("the page server has no /prefix/api").isEqualTo(ExitCodes.ERROR);
        assertThat(prefixed.err()).isEqualTo("fdm: bridge refused GET /prefix/api/clusters (404): no page /prefix/api/clusters\n");
    }
}
