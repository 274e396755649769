package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.HasAuthentication;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UsernameAndPassword;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person at the storage page of a running platform ({@code skeleton.jar --web <port>}), in a real
 * browser (headless Chromium through Selenium): logs in with the password the platform made in
 * {@code etc/}, creates a store on the page, finds in the key browser a key set through the shell,
 * pages through 10,000 keys loaded through the shell, saves a version and loads it back, sees the
 * chart drawn, sees a value with markup as text; a change posted without the password is refused
 * and changes nothing; and the browser's console stays free of errors. The page's screenshot goes
 * to {@code target/storage-console.png}.
 *
 * <p>Skips, saying why, without Chromium and chromedriver on the machine ({@code .ci/run} installs
 * them).
 */
@Timeout(600)
class WebConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int KEYS = 10_000;
    private static final int PAGE = 500;
    private static final String MARKUP = "<script>alert(1)</script>";
    private static final String MARK_ROWS =
            "document.querySelectorAll('#storage-keys tr.storage-key').forEach(row => row.dataset.shown = 'before');";
    private static final String NEW_ROWS = "const rows = document.querySelectorAll('#storage-keys tr.storage-key');"
            + " return rows.length > 0 && Array.from(rows).every(row => row.dataset.shown !== 'before');";
    private static final String KEYS_ON_PAGE =
            "return Array.from(document.querySelectorAll('#storage-keys tr.storage-key td.key')).map(td => td.textContent);";

    @TempDir
    Path work;
    private WebConsoleProcess web;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Browser.chromium().isPresent() && Browser.chromedriver().isPresent(), Browser.MISSING);
        web = WebConsoleProcess.start(work);
        browser = Browser.start();
        wait = new WebDriverWait(browser, WAIT);
        String[] credentials = web.credentials();
        ((HasAuthentication) browser).register(UsernameAndPassword.of(credentials[0], credentials[1]));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (web != null) {
            web.close();
        }
    }

    @Test
    void aPersonManagesStoresAndBrowsesKeysOnTheStoragePage() throws Exception {
        browser.get(web.url("/system/console/storage"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#storage-engines tbody tr")));

        createStoreOnThePage("users");
        web.shell("store:set users alice admin", "store:set users markup '" + MARKUP + "'");

        new Select(browser.findElement(By.id("storage-browse-store"))).selectByValue("users");
        assertEquals(List.of("admin"), browse("alice", 50), "a key set through the shell, in the key browser");

        assertEquals(List.of(MARKUP), browse("markup", 50), "markup shows as text");
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert(), "no script ran");

        saveAndLoadAVersion();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("canvas#storage-chart-rates[data-drawn=true]")));

        pageThroughTenThousandKeys();

        browse("", 50);
        Path screenshot = Path.of(System.getProperty("skeleton.layout", "target/skeleton")).getParent()
                .resolve("storage-console.png");
        Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));

        aChangeWithoutThePasswordIsRefused();
        assertNoBrowserErrors();
    }

    private void createStoreOnThePage(String name) {
        browser.findElement(By.id("storage-create-name")).sendKeys(name);
        new Select(browser.findElement(By.id("storage-create-engine"))).selectByValue("memory");
        browser.findElement(By.id("storage-create-submit")).click();
        acceptIfAsked();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#storage-stores tr[data-store='" + name + "']")));
    }

    /** Shows the first page of keys with a prefix and returns the values shown. */
    private List<String> browse(String prefix, int limit) {
        setText("storage-browse-prefix", prefix);
        setText("storage-browse-limit", Integer.toString(limit));
        showNewRows(By.id("storage-browse-go"));
        return browser.findElements(By.cssSelector("#storage-keys tr.storage-key td.value")).stream()
                .map(WebElement::getText).toList();
    }

    /**
     * Clicks a button that fetches keys and waits until the page has replaced the rows shown: the
     * rows are marked first, and the wait is for rows without the mark.
     */
    private void showNewRows(By button) {
        ((JavascriptExecutor) browser).executeScript(MARK_ROWS);
        browser.findElement(button).click();
        wait.until(driver -> (Boolean) ((JavascriptExecutor) browser).executeScript(NEW_ROWS));
    }

    private void setText(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    @SuppressWarnings("unchecked")
    private List<String> keysShown() {
        return new ArrayList<>((List<String>) ((JavascriptExecutor) browser).executeScript(KEYS_ON_PAGE));
    }

    private void saveAndLoadAVersion() throws InterruptedException {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("storage-save-version"))).click();
        acceptIfAsked();
        By loadFirst = By.cssSelector("#storage-versions tr[data-version='1'] button.storage-load");
        wait.until(ExpectedConditions.presenceOfElementLocated(loadFirst));

        web.shell("store:set users alice root");
        assertEquals(List.of("root"), browse("alice", 50));

        wait.until(ExpectedConditions.elementToBeClickable(loadFirst)).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(driver -> web.shellQuietly("echo (store:get users alice)").contains("admin"));
        assertEquals(List.of("admin"), browse("alice", 50), "the version's value, back");
    }

    private void pageThroughTenThousandKeys() throws InterruptedException {
        String[] sets = IntStream.range(0, KEYS).mapToObj(i -> String.format("store:set users k%05d v%d", i, i))
                .toArray(String[]::new);
        web.shell(sets);

        browse("k", PAGE);
        List<String> seen = new ArrayList<>(keysShown());
        int pages = 1;
        while (browser.findElement(By.id("storage-keys-next")).isEnabled()) {
            showNewRows(By.id("storage-keys-next"));
            List<String> shown = keysShown();
            assertEquals(shown.size() + " keys shown", browser.findElement(By.id("storage-keys-count")).getText());
            seen.addAll(shown);
            pages++;
        }

        List<String> expected = IntStream.range(0, KEYS).mapToObj(i -> String.format("k%05d", i)).toList();
        Set<String> distinct = new LinkedHashSet<>(seen);
        assertEquals(seen.size(), distinct.size(), "no key shown twice");
        assertEquals(expected, seen, "every key once, in order");
        assertEquals(KEYS / PAGE, pages);
        assertEquals("page " + pages, browser.findElement(By.id("storage-keys-page")).getText());
    }

    private void aChangeWithoutThePasswordIsRefused() throws Exception {
        HttpResponse<String> refused = web.request("POST", "/system/console/storage/create", null, null,
                "name=intruder&engine=memory");
        assertEquals(401, refused.statusCode(), refused.body());

        browser.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#storage-stores tr[data-store='users']")));
        assertTrue(browser.findElements(By.cssSelector("#storage-stores tr[data-store='intruder']")).isEmpty());
        assertFalse(web.shell("store:stores").contains("intruder"));
    }

    /** Accepts a confirmation the page may ask for. */
    private void acceptIfAsked() {
        try {
            browser.switchTo().alert().accept();
        } catch (NoAlertPresentException e) {
            // Nothing asked.
        }
    }

    private void assertNoBrowserErrors() {
        List<LogEntry> entries = browser.manage().logs().get(LogType.BROWSER).getAll();
        List<LogEntry> errors = entries.stream().filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertTrue(errors.isEmpty(), "browser console errors: " + errors + "\nall: " + entries);
    }
}
