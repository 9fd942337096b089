package org.gleaner.builder.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Trying the detectors' patterns only where a match can start finds exactly what {@link Matcher#find()} finds:
 * compared on many random texts made of the characters the patterns care about (at signs, dots, colons, digits,
 * hex and other letters, punctuation, non-ASCII letters and digits, letters outside the BMP), and on texts
 * built from real identifiers.
 */
class StartFilteredMatchesTest {
    private static final String[] PIECES = {"@", ".", ":", "::", "0", "1", "9", "25", "255", "256", "01", "a", "f", "F",
            "g", "x", "Z", "_", "-", "+", "'", " ", "  ", "\n", "é", "ß", "٣", "Ⅻ", "𝒜", "😀", "(", ")", "/", "#",
            "ada", "lovelace", "example", "com", "org", "mail.example", "192.168.0.1", "10.0.0.255", "2001:db8::1",
            "fe80::", "::ffff:192.0.2.1", "user@example.org", "a.b@c.d.ef", "x@y", "münchen.de", "1.2.3.4.5",
            "@ada", "@ada@social.example", "https://", "http://", "HTTPS://", "mastodon.example/@ada", "www.", "m.",
            "mobile.", "twitter.com/", "X.com/", "github.com/", "linkedin.com/in/", "tiktok.com/@", "bsky.app/profile/",
            "reddit.com/u/", "reddit.com/user/", "about", "@param", "@Override", "-"};

    @Test
    void randomTextsGiveTheSameMatchesAsFind() {
        Random random = new Random(17);
        int[] found = new int[7];
        for (int t = 0; t < 30_000; t++) {
            StringBuilder sb = new StringBuilder();
            int pieces = 1 + random.nextInt(40);
            for (int p = 0; p < pieces; p++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = sb.toString();
            boolean[] beforeAt = EmailDetector.localPartCandidates(text);
            found[0] += assertSame(EmailDetector.EMAIL, text, (s, i) -> beforeAt[i]);
            found[1] += assertSame(IpAddressDetector.V4, text, IpAddressDetector::mayStartV4);
            found[2] += assertSame(IpAddressDetector.V6, text, IpAddressDetector::mayStartV6);
            found[3] += assertSame(SocialHandleDetector.PROFILE_URL, text, SocialHandleDetector::mayStartProfileUrl);
            found[4] += assertSame(SocialHandleDetector.FEDIVERSE_URL, text, SocialHandleDetector::mayStartUrl);
            found[5] += assertSame(SocialHandleDetector.FEDIVERSE_ADDRESS, text, SocialHandleDetector::isAt);
            found[6] += assertSame(SocialHandleDetector.MENTION, text, SocialHandleDetector::isAt);
        }
        assertThat(java.util.Arrays.stream(found).min().orElseThrow()).as("fewest matches of one pattern: %s", java.util.Arrays.toString(found)).isGreaterThan(200);
    }

    @Test
    void theDetectorsStillFindTheirIdentifiers() {
        String text = "Write to Ada.Lovelace@example.org or ünïcode@bücher.example, from 192.0.2.17 or 2001:DB8::1; "
                + "not @Override, not 1.2.3.4.5, not 999.1.1.1.";
        assertThat(new EmailDetector().find(text)).extracting(PiiSpan::normalized)
                .containsExactly("ada.lovelace@example.org", "ünïcode@xn--bcher-kva.example");
        assertThat(new IpAddressDetector().find(text)).extracting(PiiSpan::normalized)
                .containsExactly("192.0.2.17", "2001:db8::1");
    }

    private static int assertSame(Pattern pattern, String text, StartFilteredMatches.MayStart mayStart) {
        List<String> expected = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            expected.add(m.start() + "-" + m.end() + ":" + m.group());
        }
        List<String> actual = StartFilteredMatches.find(pattern, text, mayStart).stream()
                .map(r -> r.start() + "-" + r.end() + ":" + r.group()).toList();
        assertThat(actual).as("%s in %s", pattern, text).isEqualTo(expected);
        return expected.size();
    }
}
