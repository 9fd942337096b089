package org.gleaner.builder.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.ingest.CommitHook;
import org.gleaner.coordinator.durable.DurableCoordinator;
import org.gleaner.coordinator.web.ApiToken;
import org.gleaner.coordinator.web.CoordinatorWebApp;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.testing.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The labs' page in headless Chromium against a real dataset API over real files, and a real coordinator on an
 * in-JVM Kafka broker behind the job calls. Screenshots go to target/screenshots.
 */
class LabsPageBrowserIT {
    private static final String KEY = LabKeys.generateKey();
    private static final String COORDINATOR_TOKEN = "coordinator-token-".repeat(3);
    private static final String HOSTILE_CARD = """
            ---
            pretty_name: hostile
            ---
            # Hostile card <img src=x onerror="window.injected=1">

            A paragraph with <script>window.injected=2</script> and a [bad link](javascript:window.injected=3) and a
            [good link](https://example.test/terms) and `code <b>`.

            | column | meaning |
            |---|---|
            | text | <iframe src="javascript:window.injected=4"></iframe> |
            """;

    @TempDir
    static Path dir;
    static EmbeddedKafkaBroker broker;
    static DurableCoordinator coordinator;
    static ConfigurableApplicationContext coordinatorWeb;
    static DatasetApiServer api;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        TestDatasets published = TestDatasets.publish(dir.resolve("datasets"));
        published.publishWithCard("hostile", "1", HOSTILE_CARD);
        broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build();
        broker.start();
        Topics topics = new Topics("labspage");
        broker.createTopic(topics.pages(), 1, Map.of());
        broker.createTopic(topics.links(), 1, Map.of());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        coordinator = DurableCoordinator.open(CoordinatorConfig.defaults("gleaner-test"), Ed25519KeyPair.generate(), Clock.systemUTC(),
                broker.bootstrapServers(), topics, "labspage", Duration.ofHours(1), CommitHook.NONE, metrics);
        coordinatorWeb = CoordinatorWebApp.start(coordinator.coordinator(), coordinator.epochs(), new ApiToken(COORDINATOR_TOKEN),
                metrics, "127.0.0.1", 0);
        URI coordinatorUrl = URI.create("http://127.0.0.1:" + coordinatorWeb.getEnvironment().getProperty("local.server.port"));
        api = DatasetApiServer.start(DatasetApiSettings.of(dir.resolve("datasets"), LabKeys.of(Map.of("lab-a", KEY)))
                .withCoordinator(coordinatorUrl, COORDINATOR_TOKEN));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {api, coordinatorWeb, coordinator, broker}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void aLabBrowsesDatasetsReadsCardsDownloadsFilesSeesDeltasAndRunsAJob() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            current = browser;
            browser.open(api.baseUri() + "/labs/");
            browser.waitFor(By.id("lab-key")).sendKeys("glk_wrong" + "x".repeat(40));
            browser.driver().findElement(By.id("use-key")).click();
            browser.waitForText(By.id("key-status"), "Key refused");
            assertThat(browser.driver().findElement(By.id("app")).isDisplayed()).isFalse();

            browser.driver().findElement(By.id("lab-key")).sendKeys(KEY);
            browser.driver().findElement(By.id("use-key")).click();
            browser.waitForText(By.id("datasets-status"), "3 published datasets");
            assertThat(cells("datasets")).containsSubsequence("demo", "3", "v2").contains("hostile", "news");
            assertThat(script("return sessionStorage.getItem('gleaner.labKey')")).isEqualTo(KEY);
            browser.screenshot("labs-datasets");

            clickIn("datasets", "demo", "show-versions");
            browser.waitForText(By.id("versions"), "superseded by v1-d000001");
            assertThat(cells("versions")).containsSubsequence("v1", "2026-11-22T22:00:00Z", "10").contains("v1-d000001", "9", "v2", "6", "current");

            clickIn("versions", "v2", "show-card");
            browser.waitForText(By.id("card"), "rows");
            assertThat(browser.driver().findElement(By.id("card-version")).getText()).isEqualTo("demo v2");

            clickIn("versions", "v2", "show-files");
            browser.waitForText(By.id("files"), "part-00000.parquet");
            clickIn("files", "part-00000.parquet", "download");
            browser.waitForText(By.id("files"), "SHA-256 ok");
            scrollTo("files-section");
            browser.screenshot("labs-versions-and-files");

            clickIn("versions", "v1", "show-deltas");
            browser.waitForText(By.id("deltas"), TestDatasets.grant("grant-8"));
            assertThat(cells("deltas")).containsSubsequence("1", "v1", "v1-d000001", "1", TestDatasets.grant("grant-8"));
            scrollTo("deltas-section");
            browser.screenshot("labs-deltas");

            clickIn("datasets", "hostile", "show-versions");
            browser.waitForText(By.id("versions-dataset"), "hostile");
            clickIn("versions", "v1", "show-card");
            browser.waitForText(By.id("card"), "Hostile card");
            WebElement card = browser.driver().findElement(By.id("card"));
            assertThat(card.getText()).contains("<img src=x onerror=", "<script>window.injected=2</script>", "<iframe");
            assertThat(card.findElements(By.cssSelector("img, script, iframe"))).isEmpty();
            assertThat(card.findElements(By.tagName("a"))).extracting(a -> a.getDomAttribute("href")).containsExactly("https://example.test/terms");
            assertThat(script("return window.injected === undefined")).isEqualTo(true);
            scrollTo("card-section");
            browser.screenshot("labs-card-escaped");

            browser.driver().findElement(By.id("job-seeds")).sendKeys("http://site.example/start");
            browser.driver().findElement(By.id("job-hosts")).sendKeys("site.example");
            browser.driver().findElement(By.id("submit-job")).click();
            browser.waitForText(By.id("job-status"), "Job lab-job-1 submitted");
            browser.waitForText(By.id("job-progress"), "running");
            assertThat(cells("job-progress")).containsSubsequence("lab-job-1", "running", "1");
            assertThat(coordinator.coordinator().currentJobId()).hasValue("lab-job-1");
            scrollTo("jobs-section");
            browser.screenshot("labs-job");

            browser.driver().findElement(By.id("submit-job")).click();
            browser.waitForText(By.id("job-status"), "Job refused");
        }
    }

    private static HeadlessChromium current;

    private List<String> cells(String table) {
        return driverOf().findElements(By.cssSelector("#" + table + " td")).stream().map(WebElement::getText).toList();
    }

    private void clickIn(String table, String rowText, String buttonClass) {
        WebElement row = driverOf().findElements(By.cssSelector("#" + table + " tbody tr")).stream()
                .filter(r -> r.findElements(By.tagName("td")).get(0).getText().equals(rowText)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + rowText + " in #" + table));
        row.findElement(By.className(buttonClass)).click();
    }

    private void scrollTo(String id) {
        script("document.getElementById('" + id + "').scrollIntoView()");
    }

    private Object script(String js) {
        return ((JavascriptExecutor) driverOf()).executeScript(js);
    }

    private org.openqa.selenium.WebDriver driverOf() {
        return current.driver();
    }
}
