package org.gleaner.node.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.node.SiteAnswers.respond;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.node.CrawlerNode;
import org.gleaner.node.LoopbackSite;
import org.gleaner.node.network.RealNetwork;
import org.gleaner.node.status.NodeStatus;
import org.gleaner.node.status.StatusServer;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.testing.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The operator's page in headless Chromium after a real crawl: a real broker, the durable coordinator with its
 * REST API, a local site, one node. The page shows the node's figures, the coordinator's credits and a penalty
 * with its reason code (asked as the node), and, after an epoch close, a statement whose verify button runs the
 * offline check in the node's backend.
 */
class OperatorPageBrowserIT {
    private static final int PAGES = 6;

    @TempDir
    Path dir;

    private LoopbackSite site;
    private RealNetwork network;
    private ConfigurableApplicationContext web;
    private StatusServer status;

    @BeforeEach
    void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        site = LoopbackSite.start(this::serve);
        network = new RealNetwork(dir.resolve("kafka"), "op", RealNetwork.config(8, Duration.ofMinutes(2), Duration.ofMillis(20)),
                Duration.ofHours(1));
        web = network.startRestApi();
    }

    @AfterEach
    void stop() throws Exception {
        if (status != null) {
            status.close();
        }
        if (web != null) {
            web.close();
        }
        if (network != null) {
            network.close();
        }
        if (site != null) {
            site.close();
        }
    }

    private String host() {
        return site.host();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body;
            String type = "text/html; charset=utf-8";
            if (path.equals("/robots.txt")) {
                body = "User-agent: *\nAllow: /\n";
                type = "text/plain";
            } else if (path.equals("/")) {
                StringBuilder links = new StringBuilder("<html><body><h1>Demo</h1>");
                for (int i = 1; i < PAGES; i++) {
                    links.append("<p><a href=\"/page-").append(i).append(".html\">page ").append(i).append("</a></p>");
                }
                body = links.append("</body></html>").toString();
            } else {
                body = "<html><body><p>This is " + path + ", a page of the demo site.</p></body></html>";
            }
            respond(exchange, 200, type, body);
        }
    }

    private NodeCredits creditsOf(String nodeId) {
        return network.coordinator().credits().stream().filter(c -> c.nodeId().equals(nodeId)).findFirst().orElse(null);
    }

    @Test
    void showsTheNodesFiguresCreditsPenaltiesAndVerifiesAStatementAfterAnEpochClose() throws Exception {
        network.submit("job-op", List.of("http://" + host() + "/"), host(), 1);
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        CrawlerNode node = network.node(key);
        Thread worker = new Thread(node, "node");
        worker.start();
        assertThat(node.awaitStopped(90_000)).as("the crawl finished").isTrue();
        network.sendPageForUnknownLease(key, "http://" + host() + "/not-leased.html");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && (creditsOf(node.nodeId()) == null || creditsOf(node.nodeId()).pages() < PAGES
                || creditsOf(node.nodeId()).refusals().isEmpty())) {
            Thread.sleep(100);
        }
        assertThat(creditsOf(node.nodeId()).pages()).isEqualTo(PAGES);
        long epoch = network.durable().epochs().lastEpoch() + 1;
        network.durable().ingest().requestEpochClose();
        while (System.nanoTime() < deadline && network.durable().epochs().lastEpoch() < epoch) {
            Thread.sleep(100);
        }
        assertThat(network.durable().epochs().lastEpoch()).isEqualTo(epoch);

        String api = RealNetwork.restApiUrl(web);
        OperatorView operator = new OperatorView(new CoordinatorApiClient(api, key, RealNetwork.ORIGIN, Clock.systemUTC()),
                new StatementStore(dir.resolve("node").resolve("statements")), RealNetwork.ORIGIN,
                network.coordinator().publicKey(), node.nodeId(), Clock.systemUTC());
        // The first look asks the coordinator in the background; the statement is kept once it answers.
        OperatorView.Statements kept = operator.statements();
        while (kept.statements().isEmpty() && System.nanoTime() < deadline + Duration.ofSeconds(30).toNanos()) {
            Thread.sleep(200);
            kept = new OperatorView.Statements(operator.keptStatements(), "");
        }
        assertThat(kept.statements()).as("statements, problem: " + operator.statements().problem()).isNotEmpty();
        String token = "t".repeat(64);
        status = new StatusServer(0, token, () -> NodeStatus.of(node, worker.isAlive(), operator.credits()), operator);

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            // Tall enough that each screenshot shows the whole page.
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2300));
            browser.open("http://127.0.0.1:" + status.port() + "/?token=" + token);
            browser.waitForText(By.id("node-id"), node.nodeId());
            browser.waitForText(By.id("credits-state"), "as of");
            assertThat(browser.driver().findElement(By.id("pages")).getText()).isEqualTo(Long.toString(node.stats().pages()));
            assertThat(browser.driver().findElement(By.id("credited-pages")).getText()).isEqualTo(Integer.toString(PAGES));
            browser.waitForText(By.id("penalties"), "G102");
            assertThat(browser.driver().findElement(By.id("penalties")).getText()).contains("no lease with this id was issued");
            browser.waitForText(By.id("hosts"), "127.0.0.1");
            assertThat(browser.driver().findElement(By.id("egress")).getText()).contains("127.0.0.0/8");
            browser.waitForText(By.id("statements"), "Verify");
            WebElement row = browser.driver().findElement(By.cssSelector("#statements tbody tr[data-epoch='" + epoch + "']"));
            assertThat(row.getText()).contains(Integer.toString(PAGES));
            browser.screenshot("operator-page");

            row.findElement(By.cssSelector("button.verify")).click();
            WebElement result = browser.waitForText(By.cssSelector("#statements tbody tr[data-epoch='" + epoch + "'] .verify-result"),
                    "statement OK");
            assertThat(result.getAttribute("class")).contains("ok");
            assertThat(result.getText()).contains("signed by " + network.coordinator().publicKey().fingerprint().substring(0, 16));
            browser.screenshot("operator-page-verified");
        }
        // The kept statement is the same file gleaner rewards verify reads.
        assertThat(operator.verify(epoch).orElseThrow().ok()).isTrue();
    }
}
