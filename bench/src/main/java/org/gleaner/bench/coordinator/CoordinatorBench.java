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
 *   <li>lease requests per second and their latency percentiles with 1,000 simulated nodes asking
 *       concurrently, each request signature-checked, completing the node's previous lease and granting a
 *       new one, first with an in-memory journal, then with the durable journal on a real in-JVM broker.</li>
 * </ol>
 * Usage: {@code CoordinatorBench [nodes] [receipts] [leaseRequestsPerNode] [threads]}.
 */
public final class CoordinatorBench {
    private static final String ORIGIN = "gleaner.bench";
    private static final SecureRandom RANDOM = new SecureRandom();

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
        List<FetchedPage> pages = new ArrayList<>();
        List<CrawlLease> leases = leaseAll(coordinator, nodeKeys, clock);
        byte[] body = "<html><body><p>a page of moderate length for the benchmark</p></body></html>".repeat(20)
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < leases.size(); i++) {
            Ed25519KeyPair node = nodeKeys.get(i);
            for (LeasedUrl url : leases.get(i).urls()) {
                PageReceipt receipt = new PageReceipt(Bytes.of(node.publicKey().bytes()), leases.get(i).leaseId(), url.url(), url.url(),
                        200, clock.millis(), Bytes.sha256(body), body.length, nonce());
                pages.add(new FetchedPage(Signed.sign(receipt, ORIGIN, node), "text/html", List.of(), Bytes.of(body), SiteSignals.NONE));
            }
        }
        // Warm the JIT on the verification path first, so neither measured phase pays for compilation.
        verifyAll(pages.subList(0, Math.min(pages.size(), 10_000)));
        // Raw verification: the same receipts, key decoding and strict verification only.
        long start = System.nanoTime();
        int ok = verifyAll(pages);
        double rawSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        long credited = 0;
        for (FetchedPage page : pages) {
            if (coordinator.acceptPage(page).credited()) {
                credited++;
            }
        }
        double creditSeconds = (System.nanoTime() - start) / 1e9;
        if (ok != pages.size() || credited != pages.size()) {
            throw new IllegalStateException("bench setup error: " + ok + " verified, " + credited + " credited of " + pages.size());
        }
        System.out.printf("raw receipt signature verification: %,d in %.2f s = %,.0f /s (one thread)%n", ok, rawSeconds, ok / rawSeconds);
        System.out.printf("receipts verified and credited:     %,d in %.2f s = %,.0f /s (one thread, %d-byte bodies)%n", credited,
                creditSeconds, credited / creditSeconds, body.length);
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

    private static int verifyAll(List<FetchedPage> pages) {
        int ok = 0;
        for (FetchedPage page : pages) {
            try {
                if (page.receipt().verifies(ORIGIN, Ed25519PublicKey.fromBytes(page.receipt().record().nodeKey().toArray()))) {
                    ok++;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
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
