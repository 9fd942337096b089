package org.gleaner.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.node.SiteAnswers.redirect;
import static org.gleaner.node.SiteAnswers.respond;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.net.Cidr;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.node.fetch.FetchPolicy;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.LinkBatch;
import org.gleaner.protocol.page.PageReceipt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole node against a real broker, a real site on 127.0.0.1 and a lease endpoint that signs for real. */
class CrawlerNodeIT {
    @TempDir
    static Path kafkaDir;
    static EmbeddedKafkaBroker broker;
    private static int topicCounter;

    private final Map<String, Integer> hits = new ConcurrentHashMap<>();
    /** Arrival and end of every request, in order, for the pacing test. */
    private final List<long[]> requestTimes = java.util.Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private volatile String tdmRepJson;
    private LoopbackSite site;
    private TestCoordinator coordinator;
    private Topics topics;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.builder().dataDir(kafkaDir).build();
        broker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @BeforeEach
    void start() throws Exception {
        topics = new Topics("t" + (++topicCounter));
        broker.createTopic(topics.pages(), 2, Map.of("max.message.bytes", Integer.toString(18 * 1024 * 1024)));
        broker.createTopic(topics.links(), 2);
        site = LoopbackSite.start(this::serve);
        coordinator = new TestCoordinator();
    }

    @AfterEach
    void stop() {
        releaseSlow.countDown();
        site.close();
        coordinator.close();
    }

    private String host() {
        return site.host();
    }

    private String url(String path) {
        return site.url(path);
    }

    private void serve(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            serveTimed(exchange);
        } finally {
            requestTimes.add(new long[] {arrived, System.nanoTime()});
        }
    }

    private void serveTimed(HttpExchange exchange) throws IOException {
        {
            String path = exchange.getRequestURI().getPath();
            hits.merge(path, 1, Integer::sum);
            switch (path) {
                case "/robots.txt" -> respond(exchange, 200, "text/plain",
                        "User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\n");
                case "/" -> {
                    exchange.getResponseHeaders().set("X-Robots-Tag", "noai");
                    respond(exchange, 200, "text/html", "<html><body><a href=\"/a\">a</a><a rel=\"nofollow\" href=\"/n\">n</a>"
                            + "</body></html>");
                }
                case "/.well-known/tdmrep.json" -> {
                    if (tdmRepJson == null) {
                        respond(exchange, 404, "text/plain", "none");
                    } else {
                        respond(exchange, 200, "application/json", tdmRepJson);
                    }
                }
                case "/header-reserved" -> {
                    exchange.getResponseHeaders().set("tdm-reservation", "1");
                    exchange.getResponseHeaders().set("tdm-policy", "https://example.org/header-policy.json");
                    respond(exchange, 200, "text/html", "<p>header</p>");
                }
                case "/meta-reserved" -> respond(exchange, 200, "text/html; charset=utf-8", "<html><head>"
                        + "<meta name=\"tdm-reservation\" content=\"1\"><meta name=\"TDM-Policy\" content=\"https://example.org/meta.json\">"
                        + "</head><body><p>meta</p></body></html>");
                case "/hop" -> redirect(exchange, 302, "/a");
                case "/a" -> respond(exchange, 200, "text/html; charset=utf-8", "<p>a</p>");
                case "/moved" -> redirect(exchange, 301, "http://elsewhere.example/page");
                case "/bomb" -> {
                    exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                    respond(exchange, 200, "text/html", gzip(new byte[8 * 1024 * 1024]));
                }
                case "/busy" -> {
                    exchange.getResponseHeaders().set("Retry-After", "3600");
                    respond(exchange, 503, "text/html", "<p>busy</p>");
                }
                case "/slow-1" -> {
                    slowStarted.countDown();
                    try {
                        releaseSlow.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    respond(exchange, 200, "text/html", "<p>slow</p>");
                }
                default -> respond(exchange, 200, "text/html", "<p>" + path + "</p>");
            }
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private CrawlerNode node(Ed25519KeyPair key) {
        NodeConfig config = new NodeConfig(TestCoordinator.ORIGIN, coordinator.url(), coordinator.key().publicKey(),
                broker.bootstrapServers(), topics, FetchPolicy.defaults(), new EgressGuard(List.of(Cidr.parse("127.0.0.1/32"))));
        return new CrawlerNode(config, key, Clock.systemUTC());
    }

    private List<ConsumerRecord<String, byte[]>> read(String topic, int atLeast) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(20 * 1024 * 1024));
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                if (out.size() >= atLeast && consumer.poll(Duration.ofMillis(300)).isEmpty()) {
                    break;
                }
            }
        }
        return out;
    }

    private static FetchedPage page(ConsumerRecord<String, byte[]> record) {
        try {
            return FetchedPage.decode(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void crawlsALeasePolitelyAndRecordsEveryOutcome() throws Exception {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        coordinator.lease(host(), List.of(url("/"), url("/private/secret"), url("/moved"), url("/a"), url("/bomb"),
                url("/busy"), url("/after-busy")), 0);
        CrawlerNode node = node(key);
        Thread worker = new Thread(node);
        worker.start();
        assertThat(node.awaitStopped(60_000)).isTrue();

        assertThat(hits).containsEntry("/robots.txt", 1).doesNotContainKeys("/private/secret", "/after-busy");
        assertThat(node.stats().errors()).containsEntry("robots", 1L).containsEntry("off-host", 1L)
                .containsEntry("too-large", 1L).containsEntry("backoff", 1L);

        List<FetchedPage> pages = read(topics.pages(), 3).stream().map(CrawlerNodeIT::page).toList();
        assertThat(pages).extracting(p -> p.receipt().record().url())
                .containsExactlyInAnyOrder(url("/"), url("/a"), url("/busy"));
        for (FetchedPage p : pages) {
            PageReceipt receipt = p.receipt().record();
            assertThat(p.receipt().verifies(TestCoordinator.ORIGIN, key.publicKey())).isTrue();
            assertThat(receipt.bodySha256()).isEqualTo(Bytes.sha256(p.body()));
            assertThat(p.signals().robotsAiRules()).isEqualTo("gleanerbot=partial; gptbot=disallow-all");
        }
        FetchedPage root = pages.stream().filter(p -> p.receipt().record().url().equals(url("/"))).findFirst().orElseThrow();
        assertThat(root.signals().xRobotsTag()).isEqualTo("noai");
        assertThat(pages.stream().filter(p -> p.receipt().record().url().equals(url("/busy"))).findFirst().orElseThrow()
                .receipt().record().status()).isEqualTo(503);

        List<String> links = read(topics.links(), 2).stream().flatMap(r -> {
            try {
                return org.gleaner.protocol.codec.Signed.decode(r.value(), LinkBatch.MAX_ENCODED, "links", LinkBatch::read)
                        .record().urls().stream();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(links).contains(url("/a"), "http://elsewhere.example/page").doesNotContain(url("/n"));
        assertThat(node.stats().hostLog().recent()).extracting(HostLog.Entry::host).containsOnly(host());
        assertThat(node.traffic().receivedBytes()).isGreaterThan(0);
        assertThat(coordinator.badRequests()).isZero();
    }

    @Test
    void pacesEveryRequestToAHostIncludingRobotsTxtAndRedirectHops() throws Exception {
        long delay = 300;
        coordinator.lease(host(), List.of(url("/"), url("/hop"), url("/b"), url("/c")), delay);
        CrawlerNode node = node(Ed25519KeyPair.generate());
        new Thread(node).start();
        assertThat(node.awaitStopped(60_000)).isTrue();

        assertThat(hits).containsKeys("/robots.txt", "/.well-known/tdmrep.json", "/", "/hop", "/a", "/b", "/c");
        List<long[]> times = new ArrayList<>(requestTimes);
        times.sort(java.util.Comparator.comparingLong(t -> t[0]));
        assertThat(times).hasSize(7);
        for (int i = 1; i < times.size(); i++) {
            long gapMillis = TimeUnit.NANOSECONDS.toMillis(times.get(i)[0] - times.get(i - 1)[1]);
            // Never sooner than the delay after the previous answer ended (sleeping longer is allowed).
            assertThat(gapMillis).as("gap before request %d", i).isGreaterThanOrEqualTo(delay - 5);
        }
    }

    @Test
    void aStopFinishesThePageInFlightAndSendsItBeforeExiting() throws Exception {
        coordinator.lease(host(), List.of(url("/slow-1"), url("/slow-2")), 0);
        CrawlerNode node = node(Ed25519KeyPair.generate());
        new Thread(node).start();
        assertThat(slowStarted.await(30, TimeUnit.SECONDS)).isTrue();
        node.stop();
        releaseSlow.countDown();
        assertThat(node.awaitStopped(60_000)).isTrue();

        assertThat(hits).containsEntry("/slow-1", 1).doesNotContainKey("/slow-2");
        assertThat(read(topics.pages(), 1)).extracting(r -> page(r).receipt().record().url()).containsExactly(url("/slow-1"));
        assertThat(node.stats().pages()).isEqualTo(1);
    }

    @Test
    void recordsTdmRepSignalsFromTheWellKnownFileHeadersAndMetaTags() throws Exception {
        tdmRepJson = "[{\"location\": \"/reserved/*\", \"tdm-reservation\": 1, \"tdm-policy\": \"https://example.org/policy.json\"},"
                + " {\"location\": \"/\", \"tdm-reservation\": 0}]";
        coordinator.lease(host(), List.of(url("/reserved/a"), url("/plain"), url("/header-reserved"), url("/meta-reserved")), 0);
        CrawlerNode node = node(Ed25519KeyPair.generate());
        new Thread(node).start();
        assertThat(node.awaitStopped(60_000)).isTrue();

        assertThat(hits).as("read once for the host").containsEntry("/.well-known/tdmrep.json", 1);
        Map<String, FetchedPage> pages = new java.util.HashMap<>();
        read(topics.pages(), 4).stream().map(CrawlerNodeIT::page).forEach(p -> pages.put(p.receipt().record().url(), p));
        assertThat(pages.get(url("/reserved/a")).signals().tdmReservation()).isEqualTo("1");
        assertThat(pages.get(url("/reserved/a")).signals().tdmPolicy()).isEqualTo("https://example.org/policy.json");
        assertThat(pages.get(url("/plain")).signals().tdmReservation()).as("the file's catch-all rule").isEqualTo("0");
        assertThat(pages.get(url("/header-reserved")).signals().tdmReservation()).as("a header reservation counts").isEqualTo("1");
        assertThat(pages.get(url("/header-reserved")).signals().tdmPolicy()).isEqualTo("https://example.org/header-policy.json");
        assertThat(pages.get(url("/meta-reserved")).signals().tdmReservation()).isEqualTo("1");
        assertThat(pages.get(url("/meta-reserved")).signals().tdmPolicy()).isEqualTo("https://example.org/meta.json");
    }

    @Test
    void aMissingOrBrokenTdmRepFileLeavesPagesWithoutAReservation() throws Exception {
        tdmRepJson = "{\"not\": \"an array\"}";
        coordinator.lease(host(), List.of(url("/plain"), url("/a")), 0);
        CrawlerNode node = node(Ed25519KeyPair.generate());
        new Thread(node).start();
        assertThat(node.awaitStopped(60_000)).isTrue();
        assertThat(read(topics.pages(), 2)).extracting(r -> page(r).signals().tdmReservation()).containsOnly("");
        assertThat(node.stats().errors()).isEmpty();
    }
}
