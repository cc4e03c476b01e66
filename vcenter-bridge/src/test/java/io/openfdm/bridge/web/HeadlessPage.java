package io.openfdm.bridge.web;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The plugin page in headless Chromium from Debian's {@code chromium} and {@code chromium-driver}
 * packages (installed by {@code deploy/ci/install-browser.sh}), driven through the system
 * chromedriver by Selenium, with the page-reading helpers the browser tests share (here and in
 * fdm-cli's end-to-end test on vcsim). Without the browser, {@link #start()} FAILS the test,
 * unless {@code -Dfdm.browser.optional=true} is given (then it is skipped, saying why). Other
 * binaries: {@code -Dfdm.chromium=PATH -Dfdm.chromedriver=PATH}. {@code -Dfdm.browser.screenshots=DIR}
 * saves a PNG of each view for looking at.
 *
 * <p>The page re-renders its tables every 2 s, so an element found a moment ago may be gone: reads
 * go through one script call each (atomic with respect to the page's own script), and clicks and
 * waits retry on a stale element.
 */
public final class HeadlessPage implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("fdm.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("fdm.chromedriver", "/usr/bin/chromedriver"));
    /** Longest wait for the page to show a change by default; the page refreshes every 2 s. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    /** Selenium warns that it has no CDP binding for this Chromium; the tests use WebDriver only. */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    private final ChromeDriverService driverService;
    private final WebDriver browser;

    private HeadlessPage(ChromeDriverService driverService, WebDriver browser) {
        this.driverService = driverService;
        this.browser = browser;
    }

    /** Starts headless Chromium, or fails (skips with {@code -Dfdm.browser.optional=true}) without it. */
    public static HeadlessPage start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "headless Chromium not found (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "); install it with deploy/ci/install-browser.sh";
            if (Boolean.getBoolean("fdm.browser.optional")) {
                Assumptions.abort(why + " (skipped because -Dfdm.browser.optional=true)");
            }
            fail(why + " (or pass -Dfdm.browser.optional=true to skip this test locally)");
        }
        SELENIUM_LOG.setLevel(Level.SEVERE);
        ChromeDriverService service = new ChromeDriverService.Builder()
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
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        return new HeadlessPage(service, browser);
    }

    public WebDriver browser() {
        return browser;
    }

    /** Opens a URL. */
    public void open(String url) {
        browser.get(url);
    }

    /** Browser console entries at WARNING or above since the last call (script errors, CSP violations). */
    public List<LogEntry> warnings() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    }

    @Override
    public void close() {
        browser.quit();
        driverService.stop();
    }

    public void until(ExpectedCondition<Boolean> condition) {
        until(WAIT, condition);
    }

    public void until(Duration wait, ExpectedCondition<Boolean> condition) {
        new WebDriverWait(browser, wait).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "the page did not get there within " + wait.toSeconds() + " s; it shows "
                        + browser.getCurrentUrl() + ", connection " + attr("#connection", "data-state")
                        + ", banner '" + texts("#banner") + "'")
                .until(condition);
    }

    public void waitFor(String css) {
        until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
    }

    public void click(String css) {
        until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    /** The trimmed text of every element matching {@code css}, in document order. */
    @SuppressWarnings("unchecked")
    public List<String> texts(String css) {
        return (List<String>) script("return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent.trim());", css);
    }

    /** The text of the one element matching {@code css}. */
    public String text(String css) {
        List<String> t = texts(css);
        assertThat(t).as(css).hasSize(1);
        return t.get(0);
    }

    /** An attribute of the one element matching {@code css}; null when absent or no such element. */
    public String attr(String css, String name) {
        return (String) script("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;", css, name);
    }

    public boolean displayed(String css) {
        return (Boolean) script("const e = document.querySelector(arguments[0]); return !!e && e.offsetParent !== null;", css);
    }

    public boolean enabled(String css) {
        return (Boolean) script("const e = document.querySelector(arguments[0]); return !!e && !e.disabled;", css);
    }

    public static String button(String action, String moid) {
        return "#clusters button[data-action='" + action + "'][data-moid='" + moid + "']";
    }

    /** One table's rows as {@code keyField -> valueField} cell texts. */
    @SuppressWarnings("unchecked")
    public Map<String, String> rows(String tableId, String keyField, String valueField) {
        return (Map<String, String>) script("const out = {};"
                + "for (const r of document.querySelectorAll('#' + arguments[0] + ' tbody tr')) {"
                + "  out[r.querySelector(`td[data-field='${arguments[1]}']`).textContent.trim()] ="
                + "      r.querySelector(`td[data-field='${arguments[2]}']`).textContent.trim(); }"
                + "return out;", tableId, keyField, valueField);
    }

    public void screenshot(String name) {
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
