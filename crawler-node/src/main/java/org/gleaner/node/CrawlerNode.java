package org.gleaner.node;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.gleaner.node.bandwidth.BandwidthShaper;
import org.gleaner.node.bandwidth.TokenBucket;
import org.gleaner.node.bandwidth.TrafficMeter;
import org.gleaner.node.fetch.FetchException;
import org.gleaner.node.fetch.FetchResult;
import org.gleaner.node.fetch.HopCheck;
import org.gleaner.node.fetch.HttpTransport;
import org.gleaner.node.fetch.PageFetcher;
import org.gleaner.node.lease.CoordinatorClient;
import org.gleaner.node.links.OutlinkExtractor;
import org.gleaner.node.politeness.HostPoliteness;
import org.gleaner.node.politeness.RobotsCache;
import org.gleaner.node.politeness.RobotsVerdict;
import org.gleaner.node.publish.PagePublisher;
import org.gleaner.node.signals.TdmRepCache;
import org.gleaner.node.signals.TdmRepRules;
import org.gleaner.node.signals.TdmSignals;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeaseHandBack;
import org.gleaner.protocol.lease.LeaseRequest;
import org.gleaner.protocol.lease.LeasedUrl;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.Header;
import org.gleaner.protocol.page.LinkBatch;
import org.gleaner.protocol.page.PageReceipt;
import org.gleaner.protocol.page.SiteSignals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's work loop: ask for a lease, fetch its URLs at the pace of the lease, robots.txt and the host's
 * back-off, sign a receipt for each page, send outlinks and pages to Kafka, wait until all are acknowledged,
 * then ask again (which completes the previous lease). {@link #stop(Duration)} lets the URL in flight finish
 * (cancelling it once the grace time is over), waits until every record is acknowledged, and then hands the
 * lease's unfetched URLs back to the coordinator, so nothing fetched is lost and nothing unfetched waits for
 * the lease to expire.
 */
public final class CrawlerNode implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(CrawlerNode.class);
    private static final int URLS_PER_LEASE = 16;
    /** How long a stopping node lets the fetch in flight run before cancelling it. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

    private final NodeConfig config;
    private final Ed25519KeyPair key;
    private final Clock clock;
    private final CoordinatorClient coordinator;
    private final HttpTransport transport;
    private final PageFetcher fetcher;
    private final RobotsCache robots;
    private final HostPoliteness politeness;
    private final TdmRepCache tdmRep;
    private final PagePublisher publisher;
    private final OutlinkExtractor outlinks = new OutlinkExtractor();
    private final NodeStats stats;
    private final MeterRegistry registry;
    private final SecureRandom random = new SecureRandom();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean cancelledAtStop;
    private volatile Consumer<NodeCounters> checkpoint = counters -> { };

    public CrawlerNode(NodeConfig config, Ed25519KeyPair key, Clock clock) {
        this(config, key, clock, new SimpleMeterRegistry());
    }

    public CrawlerNode(NodeConfig config, Ed25519KeyPair key, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.key = key;
        this.clock = clock;
        this.registry = registry;
        this.stats = new NodeStats(registry);
        this.coordinator = new CoordinatorClient(config.coordinatorUrl(), config.coordinatorKey(), config.origin());
        TrafficMeter meter = new TrafficMeter(TokenBucket.Ticker.SYSTEM);
        TokenBucket bucket = config.shareBytesPerSecond() > 0
                ? new TokenBucket(config.shareBytesPerSecond(), TokenBucket.Ticker.SYSTEM) : null;
        this.transport = new HttpTransport(config.fetchPolicy(), config.egressGuard(), config.resolver(),
                new BandwidthShaper(bucket, meter), meter);
        this.fetcher = new PageFetcher(config.fetchPolicy(), transport, clock);
        this.robots = new RobotsCache(new PageFetcher(config.fetchPolicy().forRobots(), transport, clock),
                org.gleaner.node.fetch.FetchPolicy.ROBOTS_AGENT, clock);
        this.politeness = new HostPoliteness(clock);
        this.tdmRep = new TdmRepCache(new PageFetcher(config.fetchPolicy().forTdmRep(), transport, clock), clock);
        this.publisher = new PagePublisher(config.kafka(), config.topics(), FetchedPage.MAX_ENCODED, config.discardPages());
        registry.gauge("gleaner.node.wire.bytes", meter, TrafficMeter::totalBytes);
        registry.gauge("gleaner.node.wire.rate", meter, TrafficMeter::recentBytesPerSecond);
    }

    public String nodeId() {
        return key.publicKey().fingerprint();
    }

    /** Continues counting from an earlier run's totals; call before {@link #run()}. */
    public void resume(NodeCounters previous) {
        stats.resume(previous);
        transport.meter().carryOver(previous.receivedBytes(), previous.sentBytes());
    }

    /** Receives the node's totals after every lease and when it stops, to keep them across restarts. */
    public void onCheckpoint(Consumer<NodeCounters> checkpoint) {
        this.checkpoint = checkpoint;
    }

    public NodeCounters counters() {
        return stats.snapshot(transport.meter());
    }

    public NodeStats stats() {
        return stats;
    }

    public TrafficMeter traffic() {
        return transport.meter();
    }

    public NodeConfig config() {
        return config;
    }

    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void run() {
        try (publisher) {
            while (!stopping()) {
                CoordinatorClient.LeaseAnswer answer = coordinator.request(leaseRequest());
                if (answer instanceof CoordinatorClient.LeaseAnswer.Lease granted) {
                    stats.lease();
                    work(granted.lease().record());
                    saveCounters();
                } else if (answer instanceof CoordinatorClient.LeaseAnswer.Wait wait) {
                    pause(wait.millis());
                } else {
                    log.info("node {}: coordinator reports all jobs done", shortId());
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | PagePublisher.PublishException e) {
            log.error("node {} stopped: {}", shortId(), e.getMessage());
            stats.error("stopped");
        } finally {
            transport.close();
            saveCounters();
            stopped.countDown();
        }
    }

    private void saveCounters() {
        try {
            checkpoint.accept(counters());
        } catch (RuntimeException e) {
            log.warn("node {}: could not save its counters: {}", shortId(), e.getMessage());
        }
    }

    /** {@link #stop(Duration)} with {@link #DEFAULT_STOP_GRACE}. */
    public void stop() {
        stop(DEFAULT_STOP_GRACE);
    }

    /**
     * Asks the loop to end after the URL in flight, which is cancelled if it is still running after {@code grace};
     * records are still flushed and acknowledged, then the lease's unfetched URLs are handed back.
     */
    public void stop(Duration grace) {
        if (stopping()) {
            return;
        }
        stopSignal.countDown();
        Thread deadline = new Thread(() -> {
            try {
                if (!stopped.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    cancelledAtStop = true;
                    transport.cancelInFlight();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gleaner-node-stop-deadline");
        deadline.setDaemon(true);
        deadline.start();
    }

    /** Waits for the loop to end; true if it did within the time. */
    public boolean awaitStopped(long millis) throws InterruptedException {
        return stopped.await(millis, TimeUnit.MILLISECONDS);
    }

    private boolean stopping() {
        return stopSignal.getCount() == 0;
    }

    private void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            stopSignal.await(millis, TimeUnit.MILLISECONDS);
        }
    }

    private Signed<LeaseRequest> leaseRequest() {
        return Signed.sign(new LeaseRequest(nodeKey(), URLS_PER_LEASE, clock.millis(), nonce()), config.origin(), key);
    }

    private void work(CrawlLease lease) throws InterruptedException, PagePublisher.PublishException {
        List<PagePublisher.Sent<Outcome>> pending = new ArrayList<>();
        Set<String> unfetched = new LinkedHashSet<>();
        lease.urls().forEach(u -> unfetched.add(u.url()));
        String host = lease.host().toLowerCase(Locale.ROOT);
        for (LeasedUrl leased : lease.urls()) {
            if (stopping() || !lease.isLiveAt(clock.millis())) {
                break;
            }
            if (politeness.backedOffBeyond(host, lease.expiresAtMillis())) {
                stats.error(host, "backoff", clock.millis());
                unfetched.clear();
                break; // the rest of the lease goes back to the coordinator when it completes
            }
            if (fetchOne(lease, leased, host, pending)) {
                unfetched.remove(leased.url());
            }
        }
        flush(pending);
        if (stopping() && !unfetched.isEmpty() && lease.isLiveAt(clock.millis())) {
            handBack(lease, unfetched);
        }
    }

    /**
     * Tells the coordinator which URLs of the lease this stopping node never fetched, so they go to another node
     * at once. Only after every record was acknowledged: the coordinator may lease them again immediately.
     */
    private void handBack(CrawlLease lease, Set<String> unfetched) throws InterruptedException {
        LeaseHandBack handBack = new LeaseHandBack(nodeKey(), lease.leaseId(), LeaseHandBack.positionsIn(lease, unfetched),
                clock.millis(), nonce());
        try {
            int returned = coordinator.handBack(Signed.sign(handBack, config.origin(), key));
            if (returned >= 0) {
                stats.handedBack(returned);
                log.info("node {}: handed back {} unfetched URLs of its lease", shortId(), returned);
            }
        } catch (IOException e) {
            stats.error("hand-back");
            log.warn("node {}: could not hand back {} unfetched URLs ({}); the coordinator re-issues them when the lease "
                    + "expires", shortId(), unfetched.size(), e.getMessage());
        }
    }

    private void flush(List<PagePublisher.Sent<Outcome>> pending) throws PagePublisher.PublishException {
        for (Outcome rejected : publisher.flush(pending)) {
            stats.error(rejected.host(), "over-message-cap", rejected.atMillis());
        }
        for (PagePublisher.Sent<Outcome> sent : pending) {
            Outcome page = sent.what();
            if (page.isPage() && sent.future().isDone() && !failed(sent.future())) {
                stats.page(page.bodyBytes(), page.wireBytes());
            }
        }
    }

    /** What a record sent to Kafka stands for, to be counted once it is acknowledged. */
    private record Outcome(String host, boolean isPage, int status, long bodyBytes, long wireBytes, long atMillis) {
    }

    private static boolean failed(Future<RecordMetadata> future) {
        try {
            future.get();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    /** Fetches one leased URL; false if the node stopped before the URL was asked for (or the ask was cancelled). */
    private boolean fetchOne(CrawlLease lease, LeasedUrl leased, String host, List<PagePublisher.Sent<Outcome>> pending)
            throws InterruptedException {
        URI uri;
        try {
            uri = URI.create(leased.url());
        } catch (IllegalArgumentException e) {
            stats.error(host, "url", clock.millis());
            return true;
        }
        long leaseDelay = lease.crawlDelayMillis();
        if (robots.needsFetch(uri)) {
            // robots.txt is a request to the host like any other: paced before and after.
            if (!awaitTurn(host, leaseDelay)) {
                return false;
            }
            robots.verdictFor(uri);
            politeness.finished(host, leaseDelay);
        }
        RobotsVerdict verdict = robots.verdictFor(uri);
        long delay = Math.max(leaseDelay, verdict.crawlDelayMillis());
        if (verdict.allows(leased.url()) && tdmRep.needsFetch(uri)) {
            // The site's TDMRep file, read once per host and cached: paced like any other request to the host.
            if (!awaitTurn(host, delay)) {
                return false;
            }
            tdmRep.rulesFor(uri);
            politeness.finished(host, delay);
        }
        if (!awaitTurn(host, delay)) {
            return false;
        }
        try {
            FetchResult result = fetcher.fetch(leased.url(), hopCheck(host, verdict, delay));
            politeness.finished(host, delay);
            politeness.answered(host, result.status(), result.header("retry-after"));
            stats.fetched(host, result.status(), result.wireBytes(), result.fetchedAtMillis());
            FetchedPage page = page(lease, result, verdict);
            int encoded = page.encode().length();
            if (encoded > FetchedPage.MAX_ENCODED) {
                stats.error(host, "over-message-cap", clock.millis());
                log.info("node {}: a page of {} ({} bytes encoded) is over the message cap and was not sent",
                        shortId(), host, encoded);
                return true;
            }
            List<String> links = result.status() / 100 == 2
                    ? outlinks.extract(result.body(), result.contentType(), result.finalUrl())
                    : List.of();
            if (!links.isEmpty()) {
                pending.add(new PagePublisher.Sent<>(links(host), publisher.sendLinks(lease.host(), linkBatch(lease, leased, links))));
            }
            pending.add(new PagePublisher.Sent<>(new Outcome(host, true, result.status(), result.body().length,
                    result.wireBytes(), result.fetchedAtMillis()), publisher.sendPage(lease.host(), page)));
            return true;
        } catch (FetchException e) {
            politeness.finished(host, delay);
            if (cancelledAtStop || "stopped".equals(e.kind())) {
                return false; // nothing of it was delivered: it is handed back with the rest
            }
            if (isHostFailure(e.kind())) {
                politeness.failed(host);
            }
            stats.error(host, e.kind(), clock.millis());
            e.redirectTarget().ifPresent(target -> pending.add(new PagePublisher.Sent<>(links(host),
                    publisher.sendLinks(lease.host(), linkBatch(lease, leased, List.of(target))))));
            log.debug("node {}: a fetch from {} failed: {}", shortId(), host, e.kind());
            return true;
        }
    }

    /** Waits until the host may be asked again and marks the request as started; false if the node is stopping. */
    private boolean awaitTurn(String host, long delayMillis) throws InterruptedException {
        long wait;
        while ((wait = politeness.waitMillis(host)) > 0 && !stopping()) {
            pause(wait);
        }
        if (stopping()) {
            return false;
        }
        politeness.started(host, delayMillis);
        return true;
    }

    private Outcome links(String host) {
        return new Outcome(host, false, 0, 0, 0, clock.millis());
    }

    private static boolean isHostFailure(String kind) {
        return switch (kind) {
            case "timeout", "connect", "read", "tls" -> true;
            default -> false;
        };
    }

    /** Every hop stays on the leased host and inside its robots.txt; a hop elsewhere becomes an outlink. */
    private HopCheck hopCheck(String host, RobotsVerdict verdict, long delayMillis) {
        return (target, hop) -> {
            if (!host.equals(hostKey(target))) {
                throw FetchException.offHost(target.toString());
            }
            if (hop > 0) {
                // Each redirect hop is another request to the host: paced like the rest.
                politeness.finished(host, delayMillis);
                try {
                    if (!awaitTurn(host, delayMillis)) {
                        throw new FetchException("stopped", "the node is stopping");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FetchException("interrupted", "interrupted while waiting for the host", e);
                }
            }
            RobotsVerdict rules = hop == 0 ? verdict : robots.verdictFor(target);
            if (!rules.allows(target.toString())) {
                throw new FetchException(rules.outcome() == RobotsVerdict.Outcome.UNAVAILABLE ? "robots-unavailable" : "robots",
                        "robots.txt does not allow this URL");
            }
        };
    }

    /** host[:port], as the coordinator names a lease's host; default ports are left out. */
    static String hostKey(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = port == -1 || port == 80 && "http".equals(scheme) || port == 443 && "https".equals(scheme);
        return defaultPort ? host : host + ":" + port;
    }

    private Signed<LinkBatch> linkBatch(CrawlLease lease, LeasedUrl leased, List<String> links) {
        return Signed.sign(new LinkBatch(nodeKey(), lease.leaseId(), lease.jobId(), leased.url(), leased.depth() + 1, links),
                config.origin(), key);
    }

    private FetchedPage page(CrawlLease lease, FetchResult result, RobotsVerdict verdict) {
        PageReceipt receipt = new PageReceipt(nodeKey(), lease.leaseId(), result.url(), result.finalUrl(), result.status(),
                result.fetchedAtMillis(), Bytes.sha256(result.body()), result.body().length, nonce());
        return new FetchedPage(Signed.sign(receipt, config.origin(), key), result.contentType(), result.headers(),
                Bytes.of(result.body()), signals(result, verdict));
    }

    private SiteSignals signals(FetchResult result, RobotsVerdict verdict) {
        List<Header> headers = result.headers();
        URI finalUri = URI.create(result.finalUrl());
        String path = (finalUri.getRawPath() == null || finalUri.getRawPath().isEmpty() ? "/" : finalUri.getRawPath())
                + (finalUri.getRawQuery() == null ? "" : "?" + finalUri.getRawQuery());
        TdmRepRules fileRules = tdmRep.known(finalUri);
        TdmSignals.Tdm tdm = TdmSignals.resolve(fileRules.match(path), header(headers, "tdm-reservation"),
                header(headers, "tdm-policy"), TdmSignals.fromHtml(result.body(), result.contentType().toLowerCase(Locale.ROOT),
                        charsetOf(result)));
        return new SiteSignals(verdict.aiRules(), header(headers, "x-robots-tag"), header(headers, "content-usage"),
                tdm.reservation(), tdm.policy());
    }

    private static java.nio.charset.Charset charsetOf(FetchResult result) {
        try {
            return java.nio.charset.Charset.forName(result.charset());
        } catch (RuntimeException e) {
            return java.nio.charset.StandardCharsets.UTF_8;
        }
    }

    private static String header(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equals(name)).map(Header::value)
                .findFirst().map(v -> v.length() > 2048 ? v.substring(0, 2048) : v).orElse("");
    }

    private Bytes nodeKey() {
        return Bytes.of(key.publicKey().bytes());
    }

    private String shortId() {
        return nodeId().substring(0, 12);
    }

    private Bytes nonce() {
        byte[] n = new byte[16];
        random.nextBytes(n);
        return Bytes.of(n);
    }
}
