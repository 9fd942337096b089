package org.gleaner.node.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.node.SiteAnswers.respond;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gleaner.node.LoopbackSite;
import org.gleaner.protocol.net.Cidr;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.net.HostResolver;
import org.gleaner.node.fetch.FetchPolicy;
import org.gleaner.node.fetch.FetchResult;
import org.gleaner.node.fetch.HttpTransport;
import org.gleaner.node.fetch.PageFetcher;
import org.junit.jupiter.api.Test;

/** Real fetches through the shaped sockets: every byte both ways is counted and paid for in the bucket. */
class BandwidthShaperTest {
    @Test
    void countsAndThrottlesHeadersAndBodiesBothWays() throws Exception {
        byte[] body = new byte[200_000];
        try (LoopbackSite server = LoopbackSite.start(exchange -> {
            respond(exchange, 200, "text/html", body);
            exchange.close();
        })) {
            TokenBucketTest.FakeTicker ticker = new TokenBucketTest.FakeTicker();
            TrafficMeter meter = new TrafficMeter(ticker);
            long share = 50_000;
            FetchPolicy policy = new FetchPolicy(1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30), 5,
                    Set.of("text/html"), "GleanerBot-test");
            HttpTransport transport = new HttpTransport(policy, new EgressGuard(List.of(Cidr.parse("127.0.0.1/32"))),
                    HostResolver.system(), new BandwidthShaper(new TokenBucket(share, ticker), meter), meter);
            FetchResult result = new PageFetcher(policy, transport, Clock.systemUTC())
                    .fetch(server.url("/"));

            assertThat(result.body()).hasSize(body.length);
            assertThat(meter.sentBytes()).as("request line and headers").isGreaterThan(60);
            assertThat(meter.receivedBytes()).as("status line, headers and body").isGreaterThan(body.length + 40);
            assertThat(result.wireBytes()).isEqualTo(meter.totalBytes());
            // The bucket made the fetch wait (on the fake clock) for everything beyond its one-second burst.
            long minimumNanos = (meter.totalBytes() - share) * 1_000_000_000L / share;
            assertThat(ticker.slept).isGreaterThanOrEqualTo(minimumNanos);
        }
    }
}
