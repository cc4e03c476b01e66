package io.openfdm.bridge.web;

import io.openfdm.bridge.api.ClusterStatus;
import io.openfdm.bridge.api.HaSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.InetSocketAddress;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin page in a real browser: headless Chromium from Debian's {@code chromium} and
 * {@code chromium-driver} packages (installed by {@code deploy/ci/install-browser.sh}), driven
 * through the system chromedriver by Selenium. Without them this test FAILS, unless
 * {@code -Dfdm.browser.optional=true} is given (then it is skipped, saying why). Other binaries:
 * {@code -Dfdm.chromium=PATH -Dfdm.chromedriver=PATH}. {@code -Dfdm.browser.screenshots=DIR} saves
 * a PNG of each view for looking at.
 */
class PluginPageBrowserTest {
    private static HeadlessPage page;

    private InMemoryBridgeService service;
    private WebServer web;
    private String base;

    @BeforeAll
    static void startBrowser() {
        page = HeadlessPage.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (page != null) {
            page.close();
        }
    }

    @BeforeEach
    void startBridge() {
        service = InMemoryBridgeService.sample();
        web = new WebServer(service, new InetSocketAddress("127.0.4.3", 0));
        web.start();
        base = "http://127.0.4.3:" + web.address().getPort() + "/";
        page.warnings();   // drains what earlier tests left
    }

    @AfterEach
    void stopBridge() {
        web.close();
    }

    @Test
    void enableHaFromTheClusterListThenReadTheClusterView() {
        page.open(base);
        page.waitFor("#clusters tr[data-moid='domain-c7']");
        assertThat(page.attr("#clusters tr[data-moid='domain-c7']", "data-ha")).isEqualTo("disabled");
        assertThat(page.texts("#clusters tbody td[data-field='name']")).containsExactly("Lab", "Production");
        assertThat(page.text("#clusters tr[data-moid='domain-c7'] td[data-field='hosts']")).isEqualTo("3");
        assertThat(page.enabled(HeadlessPage.button("enable-ha", "domain-c7"))).isTrue();
        assertThat(page.enabled(HeadlessPage.button("disable-ha", "domain-c7"))).isFalse();
        assertThat(page.text("#connection")).as("the list cannot tell vCenter's state").isEqualTo("Bridge connected");
        page.screenshot("cluster-list");

        page.click(HeadlessPage.button("enable-ha", "domain-c7"));

        page.until(d -> "enabled".equals(page.attr("#clusters tr[data-moid='domain-c7']", "data-ha")));
        assertThat(page.text("#clusters tr[data-moid='domain-c7'] td[data-field='ha']")).isEqualTo("Enabled");
        assertThat(page.text("#clusters tr[data-moid='domain-c7'] td[data-field='configVersion']")).isEqualTo("1");
        assertThat(service.status("domain-c7").cluster().haEnabled()).as("the bridge was told").isTrue();
        page.until(d -> page.enabled(HeadlessPage.button("disable-ha", "domain-c7")));
        assertThat(page.enabled(HeadlessPage.button("enable-ha", "domain-c7"))).isFalse();
        assertThat(page.attr("#clusters tr[data-moid='domain-c9']", "data-ha")).as("only the clicked cluster").isEqualTo("disabled");

        page.click("#clusters tr[data-moid='domain-c7'] td[data-field='name'] a");

        page.until(d -> page.texts("#hosts tbody tr").size() == 3);
        assertThat(page.displayed("#cluster-view")).isTrue();
        assertThat(page.displayed("#list-view")).isFalse();
        assertThat(page.text("#cluster-name")).isEqualTo("Production");
        assertThat(page.attr("#cluster-ha", "data-ha")).isEqualTo("enabled");
        assertThat(page.text("#master")).isEqualTo("esx-01.lab.local (host-11)");
        assertThat(page.text("#vcenter-state")).isEqualTo("Connected");
        page.until(d -> "vCenter connected".equals(page.text("#connection")));
        assertThat(page.text("#cluster-id")).isEqualTo("fdm-domain-c7");
        assertThat(page.rows("hosts", "moid", "state")).isEqualTo(Map.of(
                "host-11", "master", "host-12", "connectedToMaster", "host-13", "connectedToMaster"));
        assertThat(page.text("#hosts tr[data-moid='host-12'] td[data-field='agentAddress']")).isEqualTo("127.0.0.12:8190");
        assertThat(page.texts("#vms tbody td[data-field='name']"))
                .containsExactly("app-01", "app-02", "db-01", "spare-01", "web-01", "web-02");
        assertThat(page.rows("vms", "name", "host")).containsEntry("db-01", "esx-01.lab.local (host-11)")
                .containsEntry("app-02", "esx-03.lab.local (host-13)");
        assertThat(page.rows("vms", "name", "protected")).containsEntry("db-01", "Protected").containsEntry("spare-01", "Unprotected");
        assertThat(page.rows("vms", "name", "priority")).containsEntry("db-01", "high").containsEntry("web-01", "medium");
        assertThat(page.text("#protected-count")).isEqualTo("5 of 6");
        assertThat(page.texts("#events tbody td[data-field='kind']")).contains("CONFIG_CHANGED", "ROLE_CHANGED");
        page.screenshot("cluster-view");

        page.click("#cluster-disable");
        page.until(d -> "disabled".equals(page.attr("#cluster-ha", "data-ha")));
        assertThat(service.status("domain-c7").cluster().haEnabled()).isFalse();
        assertThat(page.text("#master")).isEqualTo("none");
        assertThat(page.warnings()).as("no script errors, no Content-Security-Policy violations").isEmpty();
    }

    @Test
    void theClusterViewRefreshesByItselfAfterAHostFailure() {
        service.enableHa("domain-c7");
        page.open(base + "#/clusters/domain-c7");
        page.until(d -> page.texts("#hosts tbody tr").size() == 3);
        assertThat(page.rows("vms", "name", "host")).containsEntry("web-02", "esx-02.lab.local (host-12)");
        int eventsBefore = page.texts("#events tbody tr").size();

        service.failHost("domain-c7", "host-12");   // no click: the page must notice by itself

        page.until(d -> "hostDown".equals(page.attr("#hosts tr[data-moid='host-12']", "data-state")));
        page.until(d -> !page.rows("vms", "name", "host").get("web-02").contains("host-12"));
        Map<String, String> vmHosts = page.rows("vms", "name", "host");
        assertThat(vmHosts.get("web-02")).isIn("esx-01.lab.local (host-11)", "esx-03.lab.local (host-13)");
        assertThat(vmHosts.get("app-01")).isIn("esx-01.lab.local (host-11)", "esx-03.lab.local (host-13)");
        assertThat(page.texts("#events tbody tr").size()).isGreaterThan(eventsBefore);
        assertThat(page.texts("#events tbody tr:first-child td[data-field='kind']"))
                .as("newest first").containsExactly("RESTART_SUCCEEDED");
        assertThat(page.texts("#events tbody td[data-field='message']")).contains("host-12 is hostDown");
        page.screenshot("after-host-failure");
    }

    @Test
    void vcenterDisconnectedAndBridgeUnreachableAreShown() {
        page.open(base + "#/clusters/domain-c7");
        page.until(d -> "ok".equals(page.attr("#connection", "data-state")));

        service.setVcenterConnected(false);
        page.until(d -> "vcenter-down".equals(page.attr("#connection", "data-state")));
        assertThat(page.text("#connection")).isEqualTo("vCenter disconnected");
        assertThat(page.text("#vcenter-state")).isEqualTo("Disconnected");
        page.click("#cluster-enable");
        page.until(d -> page.displayed("#banner"));
        assertThat(page.text("#banner"))
                .isEqualTo("Could not enable HA on domain-c7: cannot enable HA on domain-c7: vCenter is not reachable");
        assertThat(service.status("domain-c7").cluster().haEnabled()).isFalse();

        service.setVcenterConnected(true);
        page.until(d -> "ok".equals(page.attr("#connection", "data-state")));
        page.click("#cluster-enable");
        page.until(d -> "enabled".equals(page.attr("#cluster-ha", "data-ha")));
        assertThat(page.displayed("#banner")).as("a good action clears the error").isFalse();

        web.close();
        page.until(d -> "bridge-unreachable".equals(page.attr("#connection", "data-state")));
        assertThat(page.text("#connection")).isEqualTo("Bridge unreachable");
        assertThat(page.text("#banner")).startsWith("Bridge unreachable");
        assertThat(page.attr("body", "data-stale")).isEqualTo("true");
        page.screenshot("bridge-unreachable");
    }

    @Test
    void refusedEnableShowsTheBridgesReason() {
        page.open(base);
        page.waitFor("#clusters tr[data-moid='domain-c9']");
        page.click(HeadlessPage.button("enable-ha", "domain-c9"));
        page.until(d -> page.displayed("#banner"));
        assertThat(page.text("#banner")).contains("cluster domain-c9 (Lab) has no hosts");
        assertThat(page.attr("#clusters tr[data-moid='domain-c9']", "data-ha")).isEqualTo("disabled");
    }

    @Test
    void aVmsRestartPriorityIsSetFromTheOverrideForm() {
        service.enableHa("domain-c7");
        page.open(base + "#/clusters/domain-c7");
        page.until(d -> page.texts("#vms tbody tr").size() == 6 && page.texts("#override-vm option").size() == 6);
        String web01 = service.status("domain-c7").vms().stream().filter(v -> v.name().equals("web-01")).findFirst()
                .orElseThrow().moid();
        new Select(page.browser().findElement(By.id("override-vm"))).selectByValue(web01);
        new Select(page.browser().findElement(By.id("override-priority"))).selectByVisibleText("highest");
        page.click("#override-save");
        page.until(d -> "ok".equals(page.attr("#override-message", "data-kind")));
        page.until(d -> "highest".equals(page.rows("vms", "name", "priority").get("web-01")));
        assertThat(service.status("domain-c7").vms()).filteredOn(v -> v.name().equals("web-01"))
                .singleElement().extracting(ClusterStatus.VmRow::priority).isEqualTo("highest");

        new Select(page.browser().findElement(By.id("override-vm"))).selectByValue(web01);
        new Select(page.browser().findElement(By.id("override-priority"))).selectByVisibleText("lowest");
        service.setVcenterConnected(false);
        page.click("#override-save");
        page.until(d -> "error".equals(page.attr("#override-message", "data-kind")));
        assertThat(page.text("#override-message")).contains("vCenter is not reachable");
        assertThat(page.warnings()).as("no script errors (the refused request itself is logged by the browser)")
                .filteredOn(e -> !e.getMessage().contains("Failed to load resource")).isEmpty();
    }

    @Test
    void settingsAreSavedFromTheForm() {
        page.open(base + "#/clusters/domain-c7");
        page.until(d -> "2".equals(page.script("return document.getElementById('setting-heartbeatDatastoresPerHost').value;")));
        WebElement heartbeat = page.browser().findElement(By.id("setting-heartbeatDatastoresPerHost"));
        heartbeat.clear();
        heartbeat.sendKeys("9");
        page.click("#settings-save");
        page.until(d -> "error".equals(page.attr("#settings-message", "data-kind")));
        assertThat(page.text("#settings-message")).contains("heartbeatDatastoresPerHost: must be 1-5");
        assertThat(service.settings("domain-c7")).isEqualTo(HaSettings.defaults());

        heartbeat.clear();
        heartbeat.sendKeys("3");
        page.click("#setting-hostMonitoring");
        new Select(page.browser().findElement(By.id("setting-isolationResponse"))).selectByValue("powerOff");
        page.click("#settings-save");
        page.until(d -> "ok".equals(page.attr("#settings-message", "data-kind")));
        assertThat(service.settings("domain-c7")).isEqualTo(new HaSettings(false, "medium", "powerOff", true, 3, "default"));
        assertThat(service.status("domain-c7").cluster().configVersion()).as("HA off: nothing pushed").isZero();
        page.script("document.getElementById('settings').scrollIntoView();");
        page.screenshot("settings");
    }
}
