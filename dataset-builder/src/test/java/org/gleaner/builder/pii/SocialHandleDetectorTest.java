package org.gleaner.builder.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SocialHandleDetectorTest {
    private final SocialHandleDetector detector = new SocialHandleDetector();

    private List<String> found(String text) {
        return detector.find(text).stream().map(PiiSpan::normalized).toList();
    }

    @Test
    void findsProfileUrlsOnKnownSites() {
        assertThat(found("See https://twitter.com/AdaL, x.com/ada_l and https://github.com/ada-lovelace/."))
                .containsExactly("twitter:adal", "twitter:ada_l", "github:ada-lovelace");
        assertThat(found("www.linkedin.com/in/grace-h https://bsky.app/profile/ada.example.social"))
                .containsExactly("linkedin:grace-h", "bluesky:ada.example.social");
    }

    @Test
    void skipsTheSitesOwnPages() {
        assertThat(found("https://twitter.com/search and https://github.com/about")).isEmpty();
    }

    @Test
    void findsFediverseAddressesAndProfileUrls() {
        String text = "Follow @ada@social.example or https://social.example/@Grace.";
        assertThat(found(text)).containsExactly("fediverse:ada@social.example", "fediverse:grace@social.example");
        PiiSpan first = detector.find(text).get(0);
        assertThat(text.substring(first.start(), first.end())).isEqualTo("@ada@social.example");
    }

    @Test
    void findsBareMentionsButNotAddressesOrNumbers() {
        assertThat(found("thanks @Ada_L! and @2x")).containsExactly("at:ada_l");
        assertThat(found("mail ada@example.org")).isEmpty();
    }

    @Test
    void codeAnnotationsAndDocTagsAreNotHandles() {
        assertThat(found("@Override public void run() {} @param name the name @media screen")).isEmpty();
        assertThat(found("@Override and @ada_l")).containsExactly("at:ada_l");
    }

    @Test
    void scannerPrefersTheFediverseHandleOverTheEmailInsideIt() {
        List<PiiSpan> spans = PiiScanner.standard("US").scan("Follow @ada@social.example please");
        assertThat(spans).singleElement().extracting(PiiSpan::kind).isEqualTo(PiiKind.SOCIAL_HANDLE);
    }

    @Test
    void theQuickPrecheckLetsEveryNetworkThrough() {
        for (String site : SocialHandleDetector.NETWORKS.keySet()) {
            assertThat(SocialHandleDetector.mayHoldProfileUrl("see " + site.toUpperCase() + "someone"))
                    .as(site).isTrue();
        }
        assertThat(SocialHandleDetector.mayHoldProfileUrl("a/b and c.org/d")).isFalse();
        assertThat(found("profile at HTTPS://GITHUB.COM/Ada-L, no at sign")).containsExactly("github:ada-l");
    }
}
