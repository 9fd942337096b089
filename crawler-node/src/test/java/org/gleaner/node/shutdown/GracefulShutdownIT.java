package org.gleaner.node.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.node.SiteAnswers.respond;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.node.CrawlerNode;
import org.gleaner.node.LoopbackSite;
import org.gleaner.node.NodeCounters;
import org.gleaner.node.cli.NodeDataDir;
import org.gleaner.node.network.RealNetwork;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that stops in the middle of a lease hands back what it did not fetch, through the real coordinator's
 * release endpoint: another node gets those URLs at once (the lease lives ten minutes, so nothing else could
 * return them within the test), every page is fetched and credited exactly once, and the stopped node restarts
 * with its identity and its counters.
 */
class GracefulShutdownIT {
    private static final int PAGES = 8;
    private static final Duration LONG_LEASE = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    private final Map<String, Integer> hits = new ConcurrentHashMap<>();
    private final CountDownLatch blockedPageArrived = new CountDownLatch(1);
    private final CountDownLatch unblock = new CountDownLatch(1);
    private volatile String blockedPath = "";
    private volatile boolean blockForever;
    private LoopbackSite site;
    private RealNetwork network;

    @BeforeEach
    void start() throws Exception {
        site = LoopbackSite.start(this::serve);
        network = new RealNetwork(dir.resolve("kafka"), "hb", RealNetwork.config(PAGES, LONG_LEASE, Duration.ofMillis(20)),
                Duration.ofHours(1));
        network.submit("job-hb", urls(), host(), 0);
    }

    @AfterEach
    void stop() throws Exception {
        unblock.countDown();
        network.close();
        site.close();
    }

    private String host() {
        return site.host();
    }

    private List<String> urls() {
        return IntStream.rangeClosed(1, PAGES).mapToObj(i -> "http://" + host() + "/page-" + i + ".html").toList();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            int count = hits.merge(path, 1, Integer::sum);
            if (path.equals("/robots.txt")) {
                respond(exchange, 200, "text/plain", "User-agent: *\nAllow: /\n");
                return;
            }
            if (path.equals(blockedPath) && count == 1) {
                blockedPageArrived.countDown();
                try {
                    if (blockForever) {
                        unblock.await();
                        return;
                    }
                    unblock.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            respond(exchange, 200, "text/html; charset=utf-8", "<html><body><p>" + path + "</p></body></html>");
        }
    }

    private static Thread run(CrawlerNode node) {
        Thread t = new Thread(node, "node-" + node.nodeId().substring(0, 8));
        t.start();
        return t;
    }

    private NodeCredits creditsOf(CrawlerNode node) {
        return network.coordinator().credits().stream().filter(c -> c.nodeId().equals(node.nodeId())).findFirst()
                .orElse(new NodeCredits(node.nodeId(), 0, 0, Map.of()));
    }

    private void awaitAllCredited() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (network.coordinator().creditedPages() < PAGES && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(network.coordinator().creditedPages()).isEqualTo(PAGES);
    }

    @Test
    void unfetchedUrlsGoToAnotherNodeAtOnceAndTheStoppedNodeRestartsWhereItWas() throws Exception {
        blockedPath = "/page-3.html";
        Path nodeDir = dir.resolve("node-a");
        NodeDataDir dataDir = new NodeDataDir(nodeDir);
        dataDir.open();
        Ed25519KeyPair keyA = Ed25519KeyPair.loadOrCreate(dataDir.keyFile());
        CrawlerNode a = network.node(keyA);
        a.onCheckpoint(counters -> {
            try {
                dataDir.writeCounters(counters);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread threadA = run(a);
        assertThat(blockedPageArrived.await(30, TimeUnit.SECONDS)).isTrue();
        a.stop(Duration.ofSeconds(30));
        unblock.countDown();
        assertThat(a.awaitStopped(30_000)).isTrue();
        threadA.join();
        assertThat(a.stats().pages()).as("pages 1-3, the third finished after the stop").isEqualTo(3);
        assertThat(a.stats().handedBackUrls()).isEqualTo(PAGES - 3);
        dataDir.close();

        CrawlerNode b = network.node(Ed25519KeyPair.generate());
        Thread threadB = run(b);
        assertThat(b.awaitStopped(60_000)).as("node B finished the job, with A's lease still live").isTrue();
        threadB.join();
        awaitAllCredited();

        assertThat(b.stats().pages()).isEqualTo(PAGES - 3);
        assertThat(creditsOf(a).pages()).isEqualTo(3);
        assertThat(creditsOf(b).pages()).isEqualTo(PAGES - 3);
        assertThat(creditsOf(a).refusals()).isEmpty();
        assertThat(creditsOf(b).refusals()).isEmpty();
        for (String url : urls()) {
            assertThat(hits.get(java.net.URI.create(url).getPath())).as("fetched once: " + url).isEqualTo(1);
        }

        // A restart from the same directory: same identity, counting on from where it stopped.
        NodeDataDir again = new NodeDataDir(nodeDir);
        again.open();
        Ed25519KeyPair keyAgain = Ed25519KeyPair.loadOrCreate(again.keyFile());
        NodeCounters saved = again.counters();
        CrawlerNode restarted = network.node(keyAgain);
        restarted.resume(saved);
        assertThat(restarted.nodeId()).isEqualTo(a.nodeId());
        assertThat(restarted.stats().pages()).isEqualTo(3);
        assertThat(restarted.stats().leases()).isEqualTo(1);
        assertThat(restarted.stats().handedBackUrls()).isEqualTo(PAGES - 3);
        assertThat(restarted.traffic().receivedBytes()).isEqualTo(a.traffic().receivedBytes()).isPositive();
        assertThat(restarted.stats().hostLog().recent()).hasSize(a.stats().hostLog().recent().size());
        Thread threadRestarted = run(restarted);
        assertThat(restarted.awaitStopped(30_000)).as("the job is done: the coordinator answers 410").isTrue();
        threadRestarted.join();
        assertThat(restarted.stats().pages()).isEqualTo(3);
        assertThat(network.coordinator().creditedPages()).isEqualTo(PAGES);
        again.close();
    }

    @Test
    void aFetchStillRunningAtTheDeadlineIsCancelledAndHandedBackToo() throws Exception {
        blockedPath = "/page-2.html";
        blockForever = true;
        CrawlerNode a = network.node(Ed25519KeyPair.generate());
        Thread threadA = run(a);
        assertThat(blockedPageArrived.await(30, TimeUnit.SECONDS)).isTrue();
        a.stop(Duration.ofMillis(300));
        assertThat(a.awaitStopped(20_000)).as("the hanging fetch was cancelled at the deadline").isTrue();
        threadA.join();
        assertThat(a.stats().pages()).isEqualTo(1);
        assertThat(a.stats().handedBackUrls()).as("the cancelled page and the six never asked for").isEqualTo(PAGES - 1);

        CrawlerNode b = network.node(Ed25519KeyPair.generate());
        Thread threadB = run(b);
        assertThat(b.awaitStopped(60_000)).isTrue();
        threadB.join();
        awaitAllCredited();
        assertThat(creditsOf(a).pages()).isEqualTo(1);
        assertThat(creditsOf(b).pages()).isEqualTo(PAGES - 1);
        assertThat(b.stats().errors()).isEmpty();
    }
}
