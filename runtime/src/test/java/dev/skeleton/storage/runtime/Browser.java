package dev.skeleton.storage.runtime;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The headless Chromium of the machine (Debian's {@code chromium} and {@code chromium-driver}),
 * driven through Selenium's Chrome driver with the machine's {@code chromedriver}: nothing is
 * downloaded. The system properties {@code skeleton.chromium} and {@code skeleton.chromedriver}
 * name other executables; otherwise they are looked up on the {@code PATH}.
 */
final class Browser {

    /** What to install when they are missing. */
    static final String MISSING = "needs Chromium and its WebDriver on the PATH (Debian: apt-get install chromium"
            + " chromium-driver; or -Dskeleton.chromium=... -Dskeleton.chromedriver=...)";

    private Browser() {
    }

    /** The browser executable, if there is one. */
    static Optional<Path> chromium() {
        return executable("skeleton.chromium", List.of("chromium", "chromium-browser", "google-chrome"));
    }

    /** The WebDriver executable, if there is one. */
    static Optional<Path> chromedriver() {
        return executable("skeleton.chromedriver", List.of("chromedriver"));
    }

    /**
     * A headless browser with a window large enough for the whole storage page, keeping the page's
     * console messages for {@code driver.manage().logs()}.
     */
    static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().orElseThrow().toFile());
        options.addArguments("--headless=new", "--window-size=1400,2000", "--disable-gpu", "--disable-dev-shm-usage");
        if ("root".equals(System.getProperty("user.name"))) {
            // Chromium refuses to run as root inside its sandbox.
            options.addArguments("--no-sandbox");
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver().orElseThrow().toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> executable(String property, List<String> names) {
        String given = System.getProperty(property);
        if (given != null) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String folder : path.split(File.pathSeparator)) {
            for (String name : names) {
                Path candidate = Path.of(folder.isEmpty() ? "." : folder, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
