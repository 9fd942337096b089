package org.gleaner.builder.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmailDetectorTest {
    private final EmailDetector detector = new EmailDetector();

    private List<String> normalized(String text) {
        return detector.find(text).stream().map(PiiSpan::normalized).toList();
    }

    @Test
    void findsAddressesInRunningTextWithExactBounds() {
        String text = "Write to Ada.Lovelace@Example.ORG, or bob+news@mail.example.co.uk.";
        List<PiiSpan> spans = detector.find(text);
        assertThat(spans).hasSize(2);
        assertThat(text.substring(spans.get(0).start(), spans.get(0).end())).isEqualTo("Ada.Lovelace@Example.ORG");
        assertThat(text.substring(spans.get(1).start(), spans.get(1).end())).isEqualTo("bob+news@mail.example.co.uk");
        assertThat(spans).allMatch(s -> s.kind() == PiiKind.EMAIL_ADDRESS);
        assertThat(normalized(text)).containsExactly("ada.lovelace@example.org", "bob+news@mail.example.co.uk");
    }

    @Test
    void normalizesInternationalDomainsToIdnaAscii() {
        assertThat(normalized("mail Jürgen@Bücher.example now")).containsExactly("jürgen@xn--bcher-kva.example");
    }

    @Test
    void rejectsWhatIsNotAnAddress() {
        assertThat(normalized("user@localhost, @handle, a@b, x@1.2.3.4, .dot@example.com."))
                .doesNotContain("user@localhost", "a@b", "x@1.2.3.4");
        assertThat(normalized("two..dots@example.com")).isEmpty();
        assertThat(normalized("no at sign here example.com")).isEmpty();
    }
}
