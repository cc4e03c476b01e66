package io.openfdm.bridge.web;

import io.openfdm.bridge.api.HaSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The plugin page in a real browser: headless Chromium from Debian's {@code chromium} and
 * {@code chromium-driver} packages (installed by {@code deploy/ci/install-browser.sh}), driven
 * through the system chromedriver by Selenium. Without them this test FAILS, unless
 * {@code -Dfdm.browser.optional=true} is given (then it is skipped, saying why). Other binaries:
 * {@code -Dfdm.chromium=PATH -Dfdm.chromedriver=PATH}. {@code -Dfdm.browser.screenshots=DIR} saves
 * a PNG of each view for looking at.
 */
class PluginPageBrowserTest {
    static final Path CHROMIUM = Path.of(System.getProperty("fdm.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("fdm.chromedriver", "/usr/bin/chromedriver"));
    /** Longest wait for the page to show a change; the page refreshes every 2 s. */
    static final Duration WAIT = Duration.ofSeconds(10);

    /** Selenium warns that it has no CDP binding for this Chromium; the test uses WebDriver only. */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    private static ChromeDriverService driverService;
    private static WebDriver browser;

    private InMemoryBridgeService service;
    private WebServer web;
    private String base;

    @BeforeAll
    static void startBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "headless Chromium not found (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "); install it with deploy/ci/install-browser.sh";
            if (Boolean.getBoolean("fdm.browser.optional")) {
                Assumptions.abort(why + " (skipped because -Dfdm.browser.optional=true)");
            }
            fail(why + " (or pass -Dfdm.browser.optional=true to skip this test locally)");
        }
        SELENIUM_LOG.setLevel(Level.SEVERE);
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--window-size=1400,1100");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(driverService, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
    }

    @BeforeEach
    void startBridge() {
        service = InMemoryBridgeService.sample();
        web = new WebServer(service, new InetSocketAddress("127.0.4.3", 0));
        web.start();
        base = "http://127.0.4.3:" + web.address().getPort() + "/";
        browser.manage().logs().get(LogType.BROWSER);   // drains what earlier tests left
    }

    @AfterEach
    void stopBridge() {
        web.close();
    }

    @Test
    void enableHaFromTheClusterListThenReadTheClusterView() {
        browser.get(base);
        waitFor("#clusters tr[data-moid='domain-c7']");
        assertThat(attr("#clusters tr[data-moid='domain-c7']", "data-ha")).isEqualTo("disabled");
        assertThat(texts("#clusters tbody td[data-field='name']")).containsExactly("Lab", "Production");
        assertThat(text("#clusters tr[data-moid='domain-c7'] td[data-field='hosts']")).isEqualTo("3");
        assertThat(enabled(button("enable-ha", "domain-c7"))).isTrue();
        assertThat(enabled(button("disable-ha", "domain-c7"))).isFalse();
        assertThat(text("#connection")).as("the list cannot tell vCenter's state").isEqualTo("Bridge connected");
        screenshot("cluster-list");

        click(button("enable-ha", "domain-c7"));

        until(d -> "enabled".equals(attr("#clusters tr[data-moid='domain-c7']", "data-ha")));
        assertThat(text("#clusters tr[data-moid='domain-c7'] td[data-field='ha']")).isEqualTo("Enabled");
        assertThat(text("#clusters tr[data-moid='domain-c7'] td[data-field='configVersion']")).isEqualTo("1");
        assertThat(service.status("domain-c7").cluster().haEnabled()).as("the bridge was told").isTrue();
        until(d -> enabled(button("disable-ha", "domain-c7")));
        assertThat(enabled(button("enable-ha", "domain-c7"))).isFalse();
        assertThat(attr("#clusters tr[data-moid='domain-c9']", "data-ha")).as("only the clicked cluster").isEqualTo("disabled");

        click("#clusters tr[data-moid='domain-c7'] td[data-field='name'] a");

        until(d -> texts("#hosts tbody tr").size() == 3);
        assertThat(displayed("#cluster-view")).isTrue();
        assertThat(displayed("#list-view")).isFalse();
        assertThat(text("#cluster-name")).isEqualTo("Production");
        assertThat(attr("#cluster-ha", "data-ha")).isEqualTo("enabled");
        assertThat(text("#master")).isEqualTo("esx-01.lab.local (host-11)");
        assertThat(text("#vcenter-state")).isEqualTo("Connected");
        until(d -> "vCenter connected".equals(text("#connection")));
        assertThat(text("#cluster-id")).isEqualTo("fdm-domain-c7");
        assertThat(rows("hosts", "moid", "state")).isEqualTo(Map.of(
                "host-11", "master", "host-12", "connectedToMaster", "host-13", "connectedToMaster"));
        assertThat(text("#hosts tr[data-moid='host-12'] td[data-field='agentAddress']")).isEqualTo("127.0.0.12:8190");
        assertThat(texts("#vms tbody td[data-field='name']"))
                .containsExactly("app-01", "app-02", "db-01", "spare-01", "web-01", "web-02");
        assertThat(rows("vms", "name", "host")).containsEntry("db-01", "esx-01.lab.local (host-11)")
                .containsEntry("app-02", "esx-03.lab.local (host-13)");
        assertThat(rows("vms", "name", "protected")).containsEntry("db-01", "Protected").containsEntry("spare-01", "Unprotected");
        assertThat(rows("vms", "name", "priority")).containsEntry("db-01", "high").containsEntry("web-01", "medium");
        assertThat(text("#protected-count")).isEqualTo("5 of 6");
        assertThat(texts("#events tbody td[data-field='kind']")).contains("CONFIG_CHANGED", "ROLE_CHANGED");
        screenshot("cluster-view");

        click("#cluster-disable");
        until(d -> "disabled".equals(attr("#cluster-ha", "data-ha")));
        assertThat(service.status("domain-c7").cluster().haEnabled()).isFalse();
        assertThat(text("#master")).isEqualTo("none");
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .as("no script errors, no Content-Security-Policy violations")
                .filteredOn(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).isEmpty();
    }

    @Test
    void theClusterViewRefreshesByItselfAfterAHostFailure() {
        service.enableHa("domain-c7");
        browser.get(base + "#/clusters/domain-c7");
        until(d -> texts("#hosts tbody tr").size() == 3);
        assertThat(rows("vms", "name", "host")).containsEntry("web-02", "esx-02.lab.local (host-12)");
        int eventsBefore = texts("#events tbody tr").size();

        service.failHost("domain-c7", "host-12");   // no click: the page must notice by itself

        until(d -> "hostDown".equals(attr("#hosts tr[data-moid='host-12']", "data-state")));
        until(d -> !rows("vms", "name", "host").get("web-02").contains("host-12"));
        Map<String, String> vmHosts = rows("vms", "name", "host");
        assertThat(vmHosts.get("web-02")).isIn("esx-01.lab.local (host-11)", "esx-03.lab.local (host-13)");
        assertThat(vmHosts.get("app-01")).isIn("esx-01.lab.local (host-11)", "esx-03.lab.local (host-13)");
        assertThat(texts("#events tbody tr").size()).isGreaterThan(eventsBefore);
        assertThat(texts("#events tbody tr:first-child td[data-field='kind']"))
                .as("newest first").containsExactly("RESTART_SUCCEEDED");
        assertThat(texts("#events tbody td[data-field='message']")).contains("host-12 is hostDown");
        screenshot("after-host-failure");
    }

    @Test
    void vcenterDisconnectedAndBridgeUnreachableAreShown() {
        browser.get(base + "#/clusters/domain-c7");
        until(d -> "ok".equals(attr("#connection", "data-state")));

        service.setVcenterConnected(false);
        until(d -> "vcenter-down".equals(attr("#connection", "data-state")));
        assertThat(text("#connection")).isEqualTo("vCenter disconnected");
        assertThat(text("#vcenter-state")).isEqualTo("Disconnected");
        click("#cluster-enable");
        until(d -> displayed("#banner"));
        assertThat(text("#banner"))
                .isEqualTo("Could not enable HA on domain-c7: cannot enable HA on domain-c7: vCenter is not reachable");
        assertThat(service.status("domain-c7").cluster().haEnabled()).isFalse();

        service.setVcenterConnected(true);
        until(d -> "ok".equals(attr("#connection", "data-state")));
        click("#cluster-enable");
        until(d -> "enabled".equals(attr("#cluster-ha", "data-ha")));
        assertThat(displayed("#banner")).as("a good action clears the error").isFalse();

        web.close();
        until(d -> "bridge-unreachable".equals(attr("#connection", "data-state")));
        assertThat(text("#connection")).isEqualTo("Bridge unreachable");
        assertThat(text("#banner")).startsWith("Bridge unreachable");
        assertThat(attr("body", "data-stale")).isEqualTo("true");
        screenshot("bridge-unreachable");
    }

    @Test
    void refusedEnableShowsTheBridgesReason() {
        browser.get(base);
        waitFor("#clusters tr[data-moid='domain-c9']");
        click(button("enable-ha", "domain-c9"));
        until(d -> displayed("#banner"));
        assertThat(text("#banner")).contains("cluster domain-c9 (Lab) has no hosts");
        assertThat(attr("#clusters tr[data-moid='domain-c9']", "data-ha")).isEqualTo("disabled");
    }

    @Test
    void settingsAreSavedFromTheForm() {
        browser.get(base + "#/clusters/domain-c7");
        until(d -> "2".equals(script("return document.getElementById('setting-heartbeatDatastoresPerHost').value;")));
        WebElement heartbeat = browser.findElement(By.id("setting-heartbeatDatastoresPerHost"));
        heartbeat.clear();
        heartbeat.sendKeys("9");
        click("#settings-save");
        until(d -> "error".equals(attr("#settings-message", "data-kind")));
        assertThat(text("#settings-message")).contains("heartbeatDatastoresPerHost: must be 1-5");
        assertThat(service.settings("domain-c7")).isEqualTo(HaSettings.defaults());

        heartbeat.clear();
        heartbeat.sendKeys("3");
        click("#setting-hostMonitoring");
        new Select(browser.findElement(By.id("setting-isolationResponse"))).selectByValue("powerOff");
        click("#settings-save");
        until(d -> "ok".equals(attr("#settings-message", "data-kind")));
        assertThat(service.settings("domain-c7")).isEqualTo(new HaSettings(false, "medium", "powerOff", true, 3, "default"));
        assertThat(service.status("domain-c7").cluster().configVersion()).as("HA off: nothing pushed").isZero();
        script("document.getElementById('settings').scrollIntoView();");
        screenshot("settings");
    }

    // ---- helpers
    // The page re-renders its tables every 2 s, so an element found a moment ago may be gone: reads
    // go through one script call each (atomic with respect to the page's own script), and clicks
    // and waits retry on a stale element.

    private void until(ExpectedCondition<Boolean> condition) {
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "the page did not get there within " + WAIT.toSeconds() + " s; it shows "
                        + browser.getCurrentUrl() + ", connection " + attr("#connection", "data-state")
                        + ", banner '" + texts("#banner") + "'")
                .until(condition);
    }

    private void waitFor(String css) {
        until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
    }

    private void click(String css) {
        until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    /** The trimmed text of every element matching {@code css}, in document order. */
    @SuppressWarnings("unchecked")
    private List<String> texts(String css) {
        return (List<String>) script("return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent.trim());", css);
    }

    /** The text of the one element matching {@code css}. */
    private String text(String css) {
        List<String> t = texts(css);
        assertThat(t).as(css).hasSize(1);
        return t.get(0);
    }

    /** An attribute of the one element matching {@code css}; null when absent or no such element. */
    private String attr(String css, String name) {
        return (String) script("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;", css, name);
    }

    private boolean displayed(String css) {
        return (Boolean) script("const e = document.querySelector(arguments[0]); return !!e && e.offsetParent !== null;", css);
    }

    private boolean enabled(String css) {
        return (Boolean) script("const e = document.querySelector(arguments[0]); return !!e && !e.disabled;", css);
    }

    private static String button(String action, String moid) {
        return "#clusters button[data-action='" + action + "'][data-moid='" + moid + "']";
    }

    /** One table's rows as {@code keyField -> valueField} cell texts. */
    @SuppressWarnings("unchecked")
    private Map<String, String> rows(String tableId, String keyField, String valueField) {
        return (Map<String, String>) script("const out = {};"
                + "for (const r of document.querySelectorAll('#' + arguments[0] + ' tbody tr')) {"
                + "  out[r.querySelector(`td[data-field='${arguments[1]}']`).textContent.trim()] ="
                + "      r.querySelector(`td[data-field='${arguments[2]}']`).textContent.trim(); }"
                + "return out;", tableId, keyField, valueField);
    }

    private void screenshot(String name) {
        String dir = System.getProperty("fdm.browser.screenshots");
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
