package org.gleaner.bench.coordinator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.durable.CoordinatorTopics;
import org.gleaner.coordinator.durable.DurableCoordinator;
import org.gleaner.coordinator.durable.KafkaJournal;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.journal.InMemoryJournal;
import org.gleaner.coordinator.journal.Journal;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeaseRequest;
import org.gleaner.protocol.lease.LeasedUrl;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.LinkBatch;
import org.gleaner.protocol.page.PageReceipt;
import org.gleaner.protocol.page.SiteSignals;

/**
 * The coordinator's speed on this machine, in one run:
 * <ol>
 *   <li>raw Ed25519 verification of page receipts (the floor for crediting);</li>
 *   <li>receipts verified and credited per second by {@code Coordinator.acceptPage} (signature, lease, hash,
 *       dedup, credit book), for leases held by 1,000 nodes;</li>
 *   <li>the full path, side by side with raw verification on the same receipts: signed pages read from the pages
 *       topic of a real in-JVM broker by the coordinator's exactly-once ingest, decoded, verified, matched to their
 *       lease, hash-checked, 3% chosen for spot checks (text sketch), and their credit events committed in Kafka
 *       transactions with the consumer offsets; the credits topic is then read back to check that every page was
 *       credited exactly once;</li>
 *   <li>lease requests per second and their latency percentiles with 1,000 simulated nodes asking
 *       concurrently, each request signature-checked, completing the node's previous lease and granting a
 *       new one, first with an in-memory journal, then with the durable journal on a real in-JVM broker.</li>
 * </ol>
 * Usage: {@code CoordinatorBench [nodes] [receipts] [leaseRequestsPerNode] [threads]}.
 */
public final class CoordinatorBench {
    private static final String ORIGIN = "gleaner.bench";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** CPU time as well as wall time: on a shared machine, other processes' load moves wall-clock rates by ±40%. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int receipts = args.length > 1 ? Integer.parseInt(args[1]) : 40_000;
        int requestsPerNode = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        System.out.printf("coordinator bench: %d nodes, %d receipts, %d lease requests per node, %d client threads, %d cores%n",
                nodes, receipts, requestsPerNode, threads, Runtime.getRuntime().availableProcessors());
        List<Ed25519KeyPair> nodeKeys = IntStream.range(0, nodes).mapToObj(i -> Ed25519KeyPair.generate()).toList();
        receiptThroughput(nodeKeys, receipts);
        leaseThroughput("in-memory journal", nodeKeys, requestsPerNode, threads, new InMemoryJournal());
        Path dir = Files.createTempDirectory("gleaner-bench-kafka");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir).build()) {
            broker.start();
            ingestThroughput(nodeKeys, receipts, broker);
            CoordinatorTopics topics = new CoordinatorTopics(new Topics("bench"));
            topics.ensureExist(broker.bootstrapServers());
            try (KafkaJournal journal = new KafkaJournal(broker.bootstrapServers(), topics.journal(), "bench-journal")) {
                leaseThroughput("Kafka journal (in-JVM broker)", nodeKeys, requestsPerNode, threads, journal);
            }
        }
    }

    private static void receiptThroughput(List<Ed25519KeyPair> nodeKeys, int receipts) {
        Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
        Clock clock = Clock.systemUTC();
        Coordinator coordinator = new Coordinator(new CoordinatorConfig(ORIGIN, 1000, Duration.ofHours(1), Duration.ZERO,
                Duration.ofMinutes(5), 0), coordinatorKey, clock, new InMemoryJournal());
        int perNode = Math.min(1000, (receipts + nodeKeys.size() - 1) / nodeKeys.size());
        queueUrls(coordinator, clock, nodeKeys.size(), perNode);
        List<FetchedPage> pages = signedPages(nodeKeys, leaseAll(coordinator, nodeKeys, clock), clock);
        byte[] body = pages.get(0).body().toArray();
        // Warm the JIT on the verification path first, so neither measured phase pays for compilation.
        java.util.Map<Bytes, Ed25519PublicKey> keys = keysOf(pages);
        verifyWith(pages.subList(0, Math.min(pages.size(), 10_000)), keys);
        // Raw verification: the same receipts, key decoding and strict verification only.
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        int ok = verifyWith(pages, keys);
        double rawSeconds = (System.nanoTime() - start) / 1e9;
        double rawCpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        start = System.nanoTime();
        cpuStart = CPU.getCurrentThreadCpuTime();
        long credited = 0;
        for (FetchedPage page : pages) {
            if (coordinator.acceptPage(page).credited()) {
                credited++;
            }
        }
        double creditSeconds = (System.nanoTime() - start) / 1e9;
        double creditCpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (ok != pages.size() || credited != pages.size()) {
            throw new IllegalStateException("bench setup error: " + ok + " verified, " + credited + " credited of " + pages.size());
        }
        System.out.printf("raw receipt signature verification: %,d in %.2f s = %,.0f /s (one thread); %,.0f per CPU-second%n", ok,
                rawSeconds, ok / rawSeconds, ok / rawCpu);
        System.out.printf("receipts verified and credited:     %,d in %.2f s = %,.0f /s (one thread, %d-byte bodies); %,.0f per CPU-second"
                + " (%.2f x raw)%n", credited, creditSeconds, credited / creditSeconds, body.length, credited / creditCpu,
                rawCpu / creditCpu);
    }

    private static final byte[] BODY = ("<html><body><p>a page of moderate length for the benchmark, with words that differ "
            + "from page to page only a little</p></body></html>").repeat(12).getBytes(StandardCharsets.UTF_8);

    /** One signed page per leased URL, as the node holding the lease would send it. */
    private static List<FetchedPage> signedPages(List<Ed25519KeyPair> nodeKeys, List<CrawlLease> leases, Clock clock) {
        List<FetchedPage> pages = new ArrayList<>();
        for (int i = 0; i < leases.size(); i++) {
            Ed25519KeyPair node = nodeKeys.get(i);
            for (LeasedUrl url : leases.get(i).urls()) {
                PageReceipt receipt = new PageReceipt(Bytes.of(node.publicKey().bytes()), leases.get(i).leaseId(), url.url(), url.url(),
                        200, clock.millis(), Bytes.sha256(BODY), BODY.length, nonce());
                pages.add(new FetchedPage(Signed.sign(receipt, ORIGIN, node), "text/html", List.of(), Bytes.of(BODY), SiteSignals.NONE));
            }
        }
        return pages;
    }

    /**
     * The full path through Kafka: pages are produced to the pages topic first (not timed), then the durable
     * coordinator's ingest consumes them; the clock stops once every page is credited and the ingest has committed
     * everything it read. Raw verification of the same receipts is timed in the same run, just before.
     */
    private static void ingestThroughput(List<Ed25519KeyPair> nodeKeys, int receipts, EmbeddedKafkaBroker broker) throws Exception {
        Topics names = new Topics("benchingest");
        CoordinatorTopics topics = new CoordinatorTopics(names);
        broker.createTopic(topics.pages(), 3, java.util.Map.of("max.message.bytes", Integer.toString(2 * 1024 * 1024)));
        broker.createTopic(topics.links(), 3, java.util.Map.of());
        Clock clock = Clock.systemUTC();
        CoordinatorConfig config = new CoordinatorConfig(ORIGIN, 1000, Duration.ofHours(1), Duration.ZERO, Duration.ofMinutes(5),
                CoordinatorConfig.DEFAULT_SPOT_CHECK_SHARE);
        try (DurableCoordinator durable = DurableCoordinator.open(config, Ed25519KeyPair.generate(), clock, broker.bootstrapServers(), names)) {
            Coordinator coordinator = durable.coordinator();
            int perNode = Math.min(1000, (receipts + nodeKeys.size() - 1) / nodeKeys.size());
            queueUrls(coordinator, clock, nodeKeys.size(), perNode);
            List<FetchedPage> pages = signedPages(nodeKeys, leaseAll(coordinator, nodeKeys, clock), clock);
            long creditedBefore = coordinator.creditedPages();
            java.util.Properties props = new java.util.Properties();
            props.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
            props.put(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG, "5");
            List<byte[]> encoded = pages.stream().map(p -> p.encode().toArray()).toList();
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(props,
                    new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
                for (int i = 0; i < pages.size(); i++) {
                    producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topics.pages(),
                            pages.get(i).receipt().record().url(), encoded.get(i)));
                }
                producer.flush();
            }
            java.util.Map<Bytes, Ed25519PublicKey> keys = keysOf(pages);
            verifyWith(pages.subList(0, Math.min(pages.size(), 10_000)), keys);
            long rawStart = System.nanoTime();
            long rawCpuStart = CPU.getCurrentThreadCpuTime();
            int ok = verifyWith(pages, keys);
            double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
            double rawCpu = (CPU.getCurrentThreadCpuTime() - rawCpuStart) / 1e9;

            Thread ingest = new Thread(durable.ingest(), "bench-ingest");
            ingest.setDaemon(true);
            long start = System.nanoTime();
            ingest.start();
            while (coordinator.creditedPages() - creditedBefore < pages.size()) {
                Thread.sleep(5);
            }
            long allCreditedAt = clock.millis();
            while (!coordinator.caughtUpSince(allCreditedAt)) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // The ingest thread's CPU: decode, verify, lease match, hash, credit, and its share of the transaction calls.
            double ingestCpu = CPU.getThreadCpuTime(ingest.getId()) / 1e9;
            long committed = org.gleaner.coordinator.durable.TopicReplay.readAll(broker.bootstrapServers(), topics.credits(),
                    org.gleaner.coordinator.credit.CreditEvent.MAX_ENCODED).stream()
                    .map(r -> decodeCredit(r.value())).filter(e -> e.credited() && e.url().startsWith("http://h")).count();
            if (ok != pages.size() || committed != pages.size()) {
                throw new IllegalStateException("bench error: " + ok + " verified, " + committed + " credits committed of " + pages.size());
            }
            System.out.printf("raw receipt signature verification (same run): %,d in %.2f s = %,.0f /s (one thread); %,.0f per CPU-second%n",
                    ok, rawSeconds, ok / rawSeconds, ok / rawCpu);
            System.out.printf("full path, Kafka ingest exactly-once:  %,d in %.2f s = %,.0f /s (%.2f x raw); %,.0f per ingest-thread"
                    + " CPU-second (%.2f x raw); %,d credit events committed once each%n", pages.size(), seconds, pages.size() / seconds,
                    (pages.size() / seconds) / (ok / rawSeconds), pages.size() / ingestCpu, rawCpu / ingestCpu, committed);
        }
    }

    private static org.gleaner.coordinator.credit.CreditEvent decodeCredit(byte[] value) {
        try {
            return org.gleaner.coordinator.credit.CreditEvent.decode(value);
        } catch (org.gleaner.protocol.codec.MalformedRecordException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Submits a job and queues {@code hosts} × {@code perHost} URLs the way a crawl does: as outlinks of a page
     * that a feeder node was leased (the job's seed).
     */
    private static void queueUrls(Coordinator coordinator, Clock clock, int hosts, int perHost) {
        Set<String> scope = IntStream.range(0, hosts).mapToObj(h -> "h" + h + ".example").collect(Collectors.toSet());
        Set<String> withFeed = new java.util.HashSet<>(scope);
        withFeed.add("feed.example");
        coordinator.submit(new CrawlJob("bench", List.of("http://feed.example/"), withFeed, hosts * perHost + 1, 1, "train-ai"));
        coordinator.caughtUp(clock.millis());
        Ed25519KeyPair feeder = Ed25519KeyPair.generate();
        LeaseDecision d = coordinator.requestLease(Signed.sign(new LeaseRequest(Bytes.of(feeder.publicKey().bytes()), 1,
                clock.millis(), nonce()), ORIGIN, feeder));
        CrawlLease feed = ((LeaseDecision.Granted) d).lease().record();
        List<String> urls = new ArrayList<>();
        for (int u = 0; u < perHost; u++) {
            for (int h = 0; h < hosts; h++) {
                urls.add("http://h" + h + ".example/p" + u);
            }
        }
        for (int i = 0; i < urls.size(); i += 1000) {
            coordinator.acceptLinks(new LinkBatch(Bytes.of(feeder.publicKey().bytes()), feed.leaseId(), "bench",
                    "http://feed.example/", 0, urls.subList(i, Math.min(urls.size(), i + 1000))));
        }
    }

    /**
     * The node keys of the receipts, decoded and validated once each (not timed). Raw verification
     * ({@link #verifyWith}): each receipt's signature checked over its canonical encoding with its node's key. Keys are
     * decoded beforehand, as the coordinator's key cache does, so raw is the signature check alone.
     */
    private static java.util.Map<Bytes, Ed25519PublicKey> keysOf(List<FetchedPage> pages) {
        java.util.Map<Bytes, Ed25519PublicKey> keys = new java.util.HashMap<>();
        for (FetchedPage page : pages) {
            keys.computeIfAbsent(page.receipt().record().nodeKey(), k -> {
                try {
                    return Ed25519PublicKey.fromBytes(k.toArray());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return keys;
    }

    private static int verifyWith(List<FetchedPage> pages, java.util.Map<Bytes, Ed25519PublicKey> keys) {
        int ok = 0;
        for (FetchedPage page : pages) {
            if (page.receipt().verifies(ORIGIN, keys.get(page.receipt().record().nodeKey()))) {
                ok++;
            }
        }
        return ok;
    }

    private static List<CrawlLease> leaseAll(Coordinator coordinator, List<Ed25519KeyPair> nodeKeys, Clock clock) {
        List<CrawlLease> leases = new ArrayList<>();
        for (Ed25519KeyPair node : nodeKeys) {
            LeaseDecision d = coordinator.requestLease(Signed.sign(new LeaseRequest(Bytes.of(node.publicKey().bytes()), 1000,
                    clock.millis(), nonce()), ORIGIN, node));
            if (d instanceof LeaseDecision.Granted g) {
                leases.add(g.lease().record());
            }
        }
        return leases;
    }

    private static void leaseThroughput(String label, List<Ed25519KeyPair> nodeKeys, int requestsPerNode, int threads,
            Journal journal) throws Exception {
        Clock clock = Clock.systemUTC();
        Coordinator coordinator = new Coordinator(new CoordinatorConfig(ORIGIN, 8, Duration.ofHours(1), Duration.ZERO,
                Duration.ofMinutes(5), 0), Ed25519KeyPair.generate(), clock, journal);
        queueUrls(coordinator, clock, nodeKeys.size() * 2, 8 * requestsPerNode);
        // Pre-sign every request so the clients measure the coordinator, not their own signing.
        List<List<Signed<LeaseRequest>>> requests = new ArrayList<>();
        for (Ed25519KeyPair node : nodeKeys) {
            List<Signed<LeaseRequest>> own = new ArrayList<>();
            for (int r = 0; r < requestsPerNode; r++) {
                own.add(Signed.sign(new LeaseRequest(Bytes.of(node.publicKey().bytes()), 8, clock.millis(), nonce()), ORIGIN, node));
            }
            requests.add(own);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long[] latencies = new long[nodeKeys.size() * requestsPerNode];
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int round = 0; round < requestsPerNode; round++) {
                    for (int n = thread; n < nodeKeys.size(); n += threads) {
                        long s = System.nanoTime();
                        coordinator.requestLease(requests.get(n).get(round));
                        latencies[round * nodeKeys.size() + n] = System.nanoTime() - s;
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        java.util.Arrays.sort(latencies);
        System.out.printf("lease requests, %s: %,d in %.2f s = %,.0f /s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; %d leases granted%n",
                label, latencies.length, seconds, latencies.length / seconds, latencies[latencies.length / 2] / 1e6,
                latencies[(int) (latencies.length * 0.99)] / 1e6, latencies[latencies.length - 1] / 1e6,
                coordinator.stats().leasesIssued());
    }

    private static Bytes nonce() {
        byte[] n = new byte[16];
        RANDOM.nextBytes(n);
        return Bytes.of(n);
    }
}
