package org.gleaner.node.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Protocol;
import org.gleaner.node.bandwidth.BandwidthShaper;
import org.gleaner.node.bandwidth.TokenBucket;
import org.gleaner.node.bandwidth.TrafficMeter;
import org.gleaner.protocol.net.Cidr;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.net.HostResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP/2 against a real HTTP/2 server (OkHttp's MockWebServer, prior knowledge, no TLS) on 127.0.0.1. */
class Http2FetchTest {
    private static final int MAX_BODY = 4096;
    private final FetchPolicy policy = new FetchPolicy(MAX_BODY, Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(5), 5, Set.of("text/html"), "GleanerBot-test");
    private final EgressGuard guard = new EgressGuard(List.of(Cidr.parse("127.0.0.1/32")));
    private MockWebServer server;
    private PageFetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        TrafficMeter meter = new TrafficMeter(TokenBucket.Ticker.SYSTEM);
        fetcher = new PageFetcher(policy, new HttpTransport(policy, guard, HostResolver.system(),
                new BandwidthShaper(null, meter), meter, List.of(Protocol.H2_PRIOR_KNOWLEDGE)), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    @Test
    void fetchesOverHttp2AndFollowsItsRedirects() throws Exception {
        server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "/page").build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html").body("<p>h2</p>").build());
        FetchResult result = fetcher.fetch(url("/start"));
        assertThat(result.protocol()).isEqualTo("h2_prior_knowledge");
        assertThat(result.finalUrl()).isEqualTo(url("/page"));
        assertThat(new String(result.body())).isEqualTo("<p>h2</p>");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/start");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/page");
    }

    @Test
    void capsAnHttp2BodyToo() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("a".repeat(MAX_BODY * 4)).build());
        assertThatThrownBy(() -> fetcher.fetch(url("/big"))).isInstanceOf(FetchException.class)
                .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo("too-large"));
    }
}
