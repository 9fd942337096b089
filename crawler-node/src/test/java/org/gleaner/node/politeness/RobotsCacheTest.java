package org.gleaner.node.politeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.node.SiteAnswers.redirect;
import static org.gleaner.node.SiteAnswers.respond;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gleaner.node.LoopbackSite;
import org.gleaner.node.MutableClock;
import org.gleaner.protocol.net.Cidr;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.node.fetch.FetchPolicy;
import org.gleaner.node.fetch.PageFetcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** robots.txt from a real local server: rules, caching, and every way fetching it can go wrong. */
class RobotsCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final FetchPolicy policy = new FetchPolicy(64 * 1024, Duration.ofSeconds(2), Duration.ofMillis(500),
            Duration.ofSeconds(2), 5, Set.of("text/html"), "GleanerBot-test");
    private final Map<String, Integer> hits = new ConcurrentHashMap<>();
    private volatile Answer answer = new Answer(200, "User-agent: *\nDisallow: /private/\n");
    private LoopbackSite server;
    private RobotsCache cache;

    private record Answer(int status, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = LoopbackSite.start(this::handle);
        PageFetcher robotsFetcher = new PageFetcher(policy.forRobots(),
                new EgressGuard(List.of(Cidr.parse("127.0.0.1/32"))), clock);
        cache = new RobotsCache(robotsFetcher, "gleanerbot", clock, Duration.ofHours(24), Duration.ofMinutes(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            hits.merge(path, 1, Integer::sum);
            if (path.startsWith("/hop/")) {
                int left = Integer.parseInt(path.substring(5).replace("/robots.txt", ""));
                redirect(exchange, 302, left == 0 ? "/real-robots.txt" : "/hop/" + (left - 1) + "/robots.txt");
                return;
            }
            if (path.equals("/real-robots.txt")) {
                respond(exchange, 200, "text/plain", "User-agent: *\nDisallow: /moved-rules/\n");
                return;
            }
            if (path.equals("/slow/robots.txt")) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            Answer a = answer;
            if (a.status() / 100 == 3) {
                redirect(exchange, a.status(), a.body());
                return;
            }
            respond(exchange, a.status(), "text/plain", a.body());
        }
    }

    private URI page(String path) {
        return URI.create(server.url(path));
    }

    private RobotsVerdict verdict(String path) {
        return cache.verdictFor(page(path));
    }

    private boolean allows(String path) {
        return verdict(path).allows(page(path).toString());
    }

    @Test
    void appliesTheRulesAndCachesThemPerHost() {
        assertThat(allows("/public/page")).isTrue();
        assertThat(allows("/private/page")).isFalse();
        assertThat(verdict("/x").outcome()).isEqualTo(RobotsVerdict.Outcome.PARSED);
        assertThat(hits).containsEntry("/robots.txt", 1);
    }

    @Test
    void readsTheCrawlDelayForOurAgent() {
        answer = new Answer(200, "User-agent: gleanerbot\nCrawl-delay: 3\nDisallow: /no/\n\nUser-agent: *\nDisallow: /\n");
        RobotsVerdict v = verdict("/");
        assertThat(v.crawlDelayMillis()).isEqualTo(3000);
        assertThat(allows("/yes")).isTrue();
        assertThat(allows("/no/x")).isFalse();
    }

    @Test
    void honoursWildcardsAndEndAnchors() {
        answer = new Answer(200, "User-agent: *\nDisallow: /*.pdf$\nDisallow: /private*\nAllow: /private/open\n");
        assertThat(allows("/docs/a.pdf")).isFalse();
        assertThat(allows("/docs/a.pdf.html")).isTrue();
        assertThat(allows("/private-stuff")).isFalse();
        assertThat(allows("/private/open/page")).isTrue();
    }

    @Test
    void aServerErrorDisallowsEverythingForNowAndIsRetriedLater() {
        answer = new Answer(503, "down");
        assertThat(allows("/anything")).isFalse();
        assertThat(verdict("/").outcome()).isEqualTo(RobotsVerdict.Outcome.UNAVAILABLE);
        answer = new Answer(200, "User-agent: *\nDisallow:\n");
        assertThat(allows("/anything")).as("still cached as unavailable").isFalse();
        clock.advance(Duration.ofMinutes(6));
        assertThat(allows("/anything")).isTrue();
        assertThat(hits).containsEntry("/robots.txt", 2);
    }

    @Test
    void tooManyRequestsDisallowsForNow() {
        answer = new Answer(429, "slow down");
        assertThat(allows("/")).isFalse();
    }

    @Test
    void aClientErrorMeansNoRules() {
        answer = new Answer(404, "");
        assertThat(allows("/private/page")).isTrue();
        assertThat(verdict("/").outcome()).isEqualTo(RobotsVerdict.Outcome.ABSENT);
        clock.advance(Duration.ofHours(25));
        answer = new Answer(403, "");
        assertThat(allows("/private/page")).isTrue();
    }

    @Test
    void aTimeoutDisallowsForNow() throws IOException {
        try (LoopbackSite silent = LoopbackSite.start(exchange -> {
            try {
                Thread.sleep(10_000); // longer than the read deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        })) {
            URI page = URI.create(silent.url("/page"));
            RobotsVerdict v = cache.verdictFor(page);
            assertThat(v.outcome()).isEqualTo(RobotsVerdict.Outcome.UNAVAILABLE);
            assertThat(v.allows(page.toString())).isFalse();
        }
    }

    @Test
    void followsUpToFiveRedirects() {
        answer = new Answer(301, "/hop/3/robots.txt");
        assertThat(allows("/moved-rules/x")).isFalse();
        assertThat(allows("/other")).isTrue();
        assertThat(hits).containsKey("/real-robots.txt");
    }

    @Test
    void moreThanFiveRedirectsMeanNoRules() {
        answer = new Answer(301, "/hop/9/robots.txt");
        assertThat(verdict("/").outcome()).isEqualTo(RobotsVerdict.Outcome.ABSENT);
        assertThat(hits).doesNotContainKey("/real-robots.txt");
    }

    @Test
    void aRobotsFileOverTheSizeCapDisallowsForNow() {
        answer = new Answer(200, "User-agent: *\nDisallow: /x\n" + "# padding\n".repeat(60_000));
        assertThat(verdict("/").outcome()).isEqualTo(RobotsVerdict.Outcome.UNAVAILABLE);
    }

    @Test
    void recordsTheRulesItGivesAiAgents() {
        answer = new Answer(200, "User-agent: GPTBot\nDisallow: /\n\nUser-agent: CCBot\nDisallow: /private/\n\n"
                + "User-agent: *\nAllow: /\n");
        assertThat(verdict("/").aiRules()).isEqualTo("gleanerbot=allow-all; gptbot=disallow-all; ccbot=partial");
    }
}
