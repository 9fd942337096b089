package org.gleaner.node;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.gleaner.node.fetch.FetchException;
import org.gleaner.node.fetch.FetchResult;
import org.gleaner.node.fetch.PageFetcher;
import org.gleaner.node.lease.CoordinatorClient;
import org.gleaner.node.links.OutlinkExtractor;
import org.gleaner.node.publish.PagePublisher;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
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
 * A node's work loop: ask for a lease, fetch its URLs at the lease's pace, sign a receipt for each page,
 * send outlinks and pages to Kafka, wait until all are acknowledged, then ask again (which completes the
 * previous lease). Stops when the coordinator says every job is done or {@link #stop()} is called.
 */
public final class CrawlerNode implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(CrawlerNode.class);
    private static final int URLS_PER_LEASE = 16;

    private final NodeConfig config;
    private final Ed25519KeyPair key;
    private final Clock clock;
    private final CoordinatorClient coordinator;
    private final PageFetcher fetcher;
    private final PagePublisher publisher;
    private final OutlinkExtractor outlinks = new OutlinkExtractor();
    private final NodeStats stats = new NodeStats();
    private final SecureRandom random = new SecureRandom();
    private final AtomicBoolean running = new AtomicBoolean(true);

    public CrawlerNode(NodeConfig config, Ed25519KeyPair key, Clock clock) {
        this.config = config;
        this.key = key;
        this.clock = clock;
        this.coordinator = new CoordinatorClient(config.coordinatorUrl(), config.coordinatorKey(), config.origin());
        this.fetcher = new PageFetcher(config.fetchPolicy(), config.egressGuard(), clock);
        this.publisher = new PagePublisher(config.bootstrapServers(), config.topics(), FetchedPage.MAX_ENCODED);
    }

    public String nodeId() {
        return key.publicKey().fingerprint();
    }

    public NodeStats stats() {
        return stats;
    }

    @Override
    public void run() {
        try (publisher) {
            while (running.get()) {
                CoordinatorClient.LeaseAnswer answer = coordinator.request(leaseRequest());
                if (answer instanceof CoordinatorClient.LeaseAnswer.Lease granted) {
                    stats.lease();
                    work(granted.lease().record());
                } else if (answer instanceof CoordinatorClient.LeaseAnswer.Wait wait) {
                    Thread.sleep(wait.millis());
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
        }
    }

    public void stop() {
        running.set(false);
    }

    private Signed<LeaseRequest> leaseRequest() {
        return Signed.sign(new LeaseRequest(nodeKey(), URLS_PER_LEASE, clock.millis(), nonce()), config.origin(), key);
    }

    private void work(CrawlLease lease) throws InterruptedException, PagePublisher.PublishException {
        List<Future<RecordMetadata>> pending = new ArrayList<>();
        long lastFetch = 0;
        for (LeasedUrl leased : lease.urls()) {
            if (!running.get() || !lease.isLiveAt(clock.millis())) {
                break;
            }
            long wait = lastFetch + lease.crawlDelayMillis() - clock.millis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            lastFetch = clock.millis();
            try {
                FetchResult result = fetcher.fetch(leased.url());
                FetchedPage page = page(lease, result);
                List<String> links = result.status() / 100 == 2
                        ? outlinks.extract(result.body(), result.contentType(), result.finalUrl())
                        : List.of();
                if (!links.isEmpty()) {
                    LinkBatch batch = new LinkBatch(nodeKey(), lease.leaseId(), lease.jobId(), leased.url(), leased.depth() + 1, links);
                    pending.add(publisher.sendLinks(lease.host(), batch));
                }
                pending.add(publisher.sendPage(page));
                stats.page(result.body().length, result.wireBytes());
            } catch (FetchException e) {
                stats.error(e.kind());
                log.debug("node {}: {} failed: {}", shortId(), leased.url(), e.getMessage());
            }
        }
        publisher.flush(pending);
    }

    private FetchedPage page(CrawlLease lease, FetchResult result) {
        PageReceipt receipt = new PageReceipt(nodeKey(), lease.leaseId(), result.url(), result.finalUrl(), result.status(),
                result.fetchedAtMillis(), Bytes.sha256(result.body()), result.body().length, nonce());
        return new FetchedPage(Signed.sign(receipt, config.origin(), key), result.contentType(), result.headers(),
                Bytes.of(result.body()), signals(result.headers()));
    }

    private static SiteSignals signals(List<Header> headers) {
        return new SiteSignals("", header(headers, "x-robots-tag"), header(headers, "content-usage"),
                header(headers, "tdm-reservation"), header(headers, "tdm-policy"));
    }

    private static String header(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equals(name.toLowerCase(Locale.ROOT))).map(Header::value)
                .findFirst().orElse("");
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
