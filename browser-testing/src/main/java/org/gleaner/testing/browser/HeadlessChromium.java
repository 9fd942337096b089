package org.gleaner.testing.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver through Selenium. Both binaries are given
 * by path, so Selenium Manager never tries to download a browser or a driver (nothing outside this
 * machine is reachable). Screenshots go to {@code target/screenshots/} of the module under test, where
 * CI keeps them as artefacts.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path screenshots;

    private HeadlessChromium(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** The browser binary: {@code GLEANER_CHROMIUM} or Debian's {@code /usr/bin/chromium}. */
    public static Path chromium() {
        return Path.of(System.getenv().getOrDefault("GLEANER_CHROMIUM", "/usr/bin/chromium"));
    }

    /** The driver binary: {@code GLEANER_CHROMEDRIVER} or Debian's {@code /usr/bin/chromedriver}. */
    public static Path chromedriver() {
        return Path.of(System.getenv().getOrDefault("GLEANER_CHROMEDRIVER", "/usr/bin/chromedriver"));
    }

    /**
     * Skips the calling test when Chromium is not installed, except under {@code CI=true}, where the
     * browser tier must run and a missing browser fails the test (.ci/run installs it).
     */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(chromium()) && Files.isExecutable(chromedriver());
        if (installed) {
            return;
        }
        String reason = "headless Chromium needs " + chromium() + " and " + chromedriver()
                + " (Debian packages chromium and chromium-driver; .ci/run installs them)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true and the browser tier cannot run: " + reason);
        }
        Assumptions.abort(reason);
    }

    /** Starts a fresh browser with an empty profile; screenshots go to {@code target/screenshots}. */
    public static HeadlessChromium start() {
        return start(Path.of("target", "screenshots"));
    }

    public static HeadlessChromium start(Path screenshotDir) {
        assumeInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().toFile());
        // The flags that keep Chromium off the (closed) network and quiet: no background traffic,
        // no component updates, no sync, no QUIC; --no-sandbox because CI runs as root.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver().toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        return new HeadlessChromium(driver, screenshotDir);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Waits until an element matching {@code by} is visible, and returns it. */
    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the element's text contains {@code text}. */
    public WebElement waitForText(By by, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    /** Waits for any condition on the driver. */
    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    /** Saves a PNG of the current page as {@code target/screenshots/NAME.png} and returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Path target = screenshots.resolve(name + ".png");
            Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(taken, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
