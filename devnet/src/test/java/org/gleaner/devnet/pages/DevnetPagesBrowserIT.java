package org.gleaner.devnet.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gleaner.devnet.Devnet;
import org.gleaner.devnet.DevnetOptions;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.testing.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * Runs the devnet as {@code ./gleaner devnet --keep-running} does and opens, in headless Chromium, the pages its
 * Pages block lists: node-3's operator page (with its credits from the coordinator's REST API) and the labs' page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevnetPagesBrowserIT {
    private static final Pattern NODE_3 = Pattern.compile("^  node-3\\s+(http://127\\.0\\.0\\.1:\\d+/) \\(operator's page; token in (\\S+)\\)$",
            Pattern.MULTILINE);
    private static final Pattern LABS = Pattern.compile("^  labs' page\\s+(http://127\\.0\\.0\\.1:\\d+/labs/) \\(lab key in (\\S+)\\)$",
            Pattern.MULTILINE);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Thread devnet;
    private String pagesBlock;

    @BeforeAll
    void startTheDevnetAndKeepItRunning(@TempDir Path dir) throws Exception {
        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        devnet = new Thread(() -> {
            try {
                new Devnet(new DevnetOptions(dir, 3, Duration.ofSeconds(120), true, false), printed,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false).run();
            } catch (InterruptedException stopped) {
                // the test is done with it
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "devnet-under-test");
        devnet.setDaemon(true);
        devnet.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!printed().contains("  coordinator ")) {
            assertThat(failure.get()).as("the devnet failed before printing its pages").isNull();
            assertThat(devnet.isAlive()).as("the devnet ended before printing its pages").isTrue();
            assertThat(System.nanoTime()).as("the devnet printed no Pages block in 5 minutes").isLessThan(deadline);
            Thread.sleep(200);
        }
        pagesBlock = printed();
    }

    private synchronized String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    void stopTheDevnet() throws InterruptedException {
        if (devnet != null) {
            devnet.interrupt();
            devnet.join(Duration.ofSeconds(30).toMillis());
        }
    }

    @Test
    void nodeThreesOperatorPageShowsItsIdentityAndTheCoordinatorsPenalties() throws Exception {
        Matcher line = NODE_3.matcher(pagesBlock);
        assertThat(line.find()).as("node-3's line in:\n" + pagesBlock).isTrue();
        Path tokenFile = Path.of(line.group(2));
        String token = Files.readString(tokenFile).strip();
        String nodeId = Ed25519KeyPair.load(tokenFile.resolveSibling("node.key")).publicKey().fingerprint();
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.driver().manage().window().setSize(new Dimension(1280, 2300));
            browser.open(line.group(1) + "?token=" + token);
            browser.waitForText(By.id("node-id"), nodeId);
            browser.waitForText(By.id("credits-state"), "as of");
            // node-3 is the devnet's misbehaving node: the coordinator's spot checks penalised it
            browser.waitForText(By.id("penalties"), "G110");
            // the statement of the epoch the devnet closed, fetched node-signed from the coordinator and checked offline
            browser.waitForText(By.id("statements"), "Verify");
            browser.driver().findElement(By.cssSelector("#statements tbody button.verify")).click();
            browser.waitForText(By.cssSelector("#statements tbody .verify-result"), "statement OK");
            browser.screenshot("devnet-operator-node-3");
        }
    }

    @Test
    void theLabsPageListsTheDevnetsDataset() throws Exception {
        Matcher line = LABS.matcher(pagesBlock);
        assertThat(line.find()).as("the labs' line in:\n" + pagesBlock).isTrue();
        String key = Files.readString(Path.of(line.group(2))).strip();
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.driver().manage().window().setSize(new Dimension(1280, 1600));
            browser.open(line.group(1));
            browser.waitFor(By.id("lab-key")).sendKeys(key);
            browser.driver().findElement(By.id("use-key")).click();
            String status = browser.waitForText(By.id("datasets-status"), "published dataset").getText();
            assertThat(status).doesNotStartWith("0 ");
            browser.screenshot("devnet-labs");
        }
    }
}
