package org.gleaner.coordinator.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.gleaner.protocol.lease.LeasedUrl;
import org.junit.jupiter.api.Test;

class FrontierTest {
    private static final String A = "a.example";
    private static final String B = "b.example:8080";

    private static Frontier frontier(int maxPages, int maxDepth, String... seeds) {
        return new Frontier(new CrawlJob("job-1", List.of(seeds), Set.of(A, B), maxPages, maxDepth, "train-ai"));
    }

    private static List<String> urls(Frontier.HostBatch batch) {
        return batch.urls().stream().map(LeasedUrl::url).toList();
    }

    @Test
    void seedsAreQueuedNormalizedAtDepthZero() {
        Frontier frontier = frontier(100, 3, "HTTP://A.Example/#top");
        Frontier.HostBatch batch = frontier.take(10, Set.of()).orElseThrow();
        assertThat(batch.host()).isEqualTo(A);
        assertThat(batch.urls()).containsExactly(new LeasedUrl("http://a.example/", 0));
    }

    @Test
    void deduplicatesOnTheNormalizedForm() {
        Frontier frontier = frontier(100, 3, "http://a.example/");
        assertThat(frontier.offer("http://a.example/x", 1)).isPresent();
        assertThat(frontier.offer("http://A.EXAMPLE:80/x#frag", 1)).isEmpty();
        assertThat(frontier.offer("http://a.example/y/../x", 2)).isEmpty();
        assertThat(frontier.offer("http://a.example", 1)).isEmpty();
        assertThat(frontier.discovered()).isEqualTo(2);
    }

    @Test
    void aUrlTakenOnceIsNeverQueuedAgain() {
        Frontier frontier = frontier(100, 3, "http://a.example/");
        frontier.take(10, Set.of()).orElseThrow();
        assertThat(frontier.offer("http://a.example/", 1)).isEmpty();
        assertThat(frontier.isEmpty()).isTrue();
    }

    @Test
    void refusesHostsOutsideTheJobsScope() {
        Frontier frontier = frontier(100, 3, "http://a.example/");
        assertThat(frontier.offer("http://evil.example/", 1)).isEmpty();
        assertThat(frontier.offer("http://sub.a.example/", 1)).isEmpty();
        assertThat(frontier.offer("http://a.example:8080/", 1)).isEmpty();
        assertThat(frontier.offer("http://b.example/", 1)).isEmpty();
        assertThat(frontier.offer("http://b.example:8080/", 1)).isPresent();
        assertThat(frontier.offer("ftp://a.example/", 1)).isEmpty();
        assertThat(frontier.offer("not a url", 1)).isEmpty();
        assertThat(frontier.discovered()).isEqualTo(2);
    }

    @Test
    void outOfScopeSeedsAreDropped() {
        Frontier frontier = frontier(100, 3, "http://evil.example/");
        assertThat(frontier.isEmpty()).isTrue();
        assertThat(frontier.take(10, Set.of())).isEmpty();
    }

    @Test
    void refusesUrlsDeeperThanMaxDepth() {
        Frontier frontier = frontier(100, 2, "http://a.example/");
        assertThat(frontier.offer("http://a.example/d2", 2)).isPresent();
        assertThat(frontier.offer("http://a.example/d3", 3)).isEmpty();
        assertThat(frontier.take(10, Set.of()).orElseThrow().urls())
                .containsExactly(new LeasedUrl("http://a.example/", 0), new LeasedUrl("http://a.example/d2", 2));
    }

    @Test
    void stopsAtMaxPagesDiscovered() {
        Frontier frontier = frontier(3, 5, "http://a.example/");
        assertThat(frontier.offer("http://a.example/1", 1)).isPresent();
        assertThat(frontier.offer("http://a.example/2", 1)).isPresent();
        assertThat(frontier.offer("http://a.example/3", 1)).isEmpty();
        assertThat(frontier.offer("http://b.example:8080/", 1)).isEmpty();
        assertThat(frontier.discovered()).isEqualTo(3);
        // Leasing URLs does not free budget: maxPages counts every URL the job ever queued.
        frontier.take(10, Set.of());
        assertThat(frontier.offer("http://a.example/4", 1)).isEmpty();
    }

    @Test
    void aBatchHoldsUrlsOfOneHostOnlyAndAtMostMax() {
        Frontier frontier = frontier(100, 3, "http://a.example/1", "http://b.example:8080/1", "http://a.example/2",
                "http://a.example/3", "http://b.example:8080/2");
        Frontier.HostBatch first = frontier.take(2, Set.of()).orElseThrow();
        assertThat(first.host()).isEqualTo(A);
        assertThat(urls(first)).containsExactly("http://a.example/1", "http://a.example/2");

        Frontier.HostBatch second = frontier.take(10, Set.of()).orElseThrow();
        assertThat(second.host()).isEqualTo(A);
        assertThat(urls(second)).containsExactly("http://a.example/3");

        Frontier.HostBatch third = frontier.take(10, Set.of()).orElseThrow();
        assertThat(third.host()).isEqualTo(B);
        assertThat(urls(third)).containsExactly("http://b.example:8080/1", "http://b.example:8080/2");

        assertThat(frontier.isEmpty()).isTrue();
        assertThat(frontier.take(10, Set.of())).isEmpty();
    }

    @Test
    void skipsBusyHosts() {
        Frontier frontier = frontier(100, 3, "http://a.example/1", "http://b.example:8080/1");
        Frontier.HostBatch batch = frontier.take(10, Set.of(A)).orElseThrow();
        assertThat(batch.host()).isEqualTo(B);
        assertThat(frontier.take(10, Set.of(A, B))).isEmpty();
        assertThat(frontier.isEmpty()).isFalse();
        assertThat(frontier.take(10, Set.of(B)).orElseThrow().host()).isEqualTo(A);
    }

    @Test
    void givenBackUrlsComeFirstInTheirOriginalOrder() {
        Frontier frontier = frontier(100, 3, "http://a.example/1", "http://a.example/2", "http://a.example/3",
                "http://a.example/4");
        Frontier.HostBatch batch = frontier.take(3, Set.of()).orElseThrow();
        frontier.giveBack(batch.host(), List.of(batch.urls().get(0), batch.urls().get(2)));

        Frontier.HostBatch again = frontier.take(10, Set.of()).orElseThrow();
        assertThat(again.host()).isEqualTo(A);
        assertThat(urls(again)).containsExactly("http://a.example/1", "http://a.example/3", "http://a.example/4");
    }

    @Test
    void givingBackKeepsDepths() {
        Frontier frontier = frontier(100, 3, "http://a.example/");
        frontier.offer("http://a.example/deep", 3);
        Frontier.HostBatch batch = frontier.take(10, Set.of()).orElseThrow();
        frontier.giveBack(A, batch.urls());
        assertThat(frontier.take(10, Set.of()).orElseThrow().urls()).isEqualTo(batch.urls());
    }

    @Test
    void jobValidatesItsLimits() {
        assertThatThrownBy(() -> new CrawlJob("bad id!", List.of("http://a.example/"), Set.of(A), 1, 0, "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CrawlJob("j", List.of(), Set.of(A), 1, 0, "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CrawlJob("j", List.of("http://a.example/"), Set.of(A), 0, 0, "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CrawlJob("j", List.of("http://a.example/"), Set.of(A), 1, -1, "p"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowedHostsAreNormalizedLikeUrls() {
        CrawlJob job = new CrawlJob("j", List.of("http://a.example/"), Set.of("A.Example", "b.example:80", "Bücher.example"),
                10, 1, "train-ai");
        assertThat(job.allowedHosts()).containsExactlyInAnyOrder("a.example", "b.example", "xn--bcher-kva.example");
        Frontier frontier = new Frontier(job);
        assertThat(frontier.offer("http://B.EXAMPLE/x", 1)).isPresent();
        assertThat(frontier.offer("http://bücher.example/x", 1)).isPresent();
        assertThatThrownBy(() -> new CrawlJob("j", List.of("http://a.example/"), Set.of("http://a.example/"), 1, 0, "p"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scopeByDomainPrefixAndPattern() {
        CrawlJob job = new CrawlJob("j", List.of("http://docs.example.com/api/"), Set.of("*.Example.com"), 100, 3, "train-ai",
                List.of("http://DOCS.example.com/api/", "https://example.com/"), List.of(new UrlPattern("*.html"),
                        new UrlPattern("*/api/")));
        assertThat(job.inScope("http://docs.example.com/api/a.html")).isTrue();
        assertThat(job.inScope("https://example.com/x.html")).as("the apex of a wildcard domain").isTrue();
        assertThat(job.inScope("http://docs.example.com/api/a.pdf")).as("no pattern matches").isFalse();
        assertThat(job.inScope("http://docs.example.com/other/a.html")).as("no prefix matches").isFalse();
        assertThat(job.inScope("http://evil-example.com/api/a.html")).isFalse();
        assertThat(job.inScope("http://example.com.evil/api/a.html")).isFalse();
        Frontier frontier = new Frontier(job);
        assertThat(frontier.discovered()).isEqualTo(1);
        assertThat(frontier.offer("http://docs.example.com/api/b.html", 1)).isPresent();
        assertThat(frontier.offer("http://docs.example.com/api/b.pdf", 1)).isEmpty();
    }

    @Test
    void wildcardPatternsMatchWithoutBacktrackingBlowUps() {
        assertThat(new UrlPattern("http://a.example/*/x*").matches("http://a.example/p/q/xyz")).isTrue();
        assertThat(new UrlPattern("*a").matches("bbb")).isFalse();
        assertThat(new UrlPattern("*").matches("")).isTrue();
        String evil = "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b";
        assertThat(new UrlPattern(evil).matches("a".repeat(4000))).isFalse();
        assertThatThrownBy(() -> new UrlPattern("x".repeat(UrlPattern.MAX_LENGTH + 1))).isInstanceOf(IllegalArgumentException.class);
    }
}
