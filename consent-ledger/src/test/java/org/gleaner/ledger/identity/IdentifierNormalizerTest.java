package org.gleaner.ledger.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gleaner.protocol.ledger.IdentifierKind;
import org.junit.jupiter.api.Test;

class IdentifierNormalizerTest {
    private final IdentifierNormalizer normalizer = new IdentifierNormalizer("DE");

    @Test
    void emailsAreLowercasedWithIdnaDomains() throws Exception {
        assertThat(normalizer.normalize(IdentifierKind.EMAIL, "  Alice.Smith@Example.COM ").value())
                .isEqualTo("alice.smith@example.com");
        assertThat(normalizer.normalize(IdentifierKind.EMAIL, "jürgen@Bücher.example").value())
                .isEqualTo("jürgen@xn--bcher-kva.example");
    }

    @Test
    void domainsAreLowercasedIdnaWithoutTrailingDot() throws Exception {
        assertThat(normalizer.normalize(IdentifierKind.DOMAIN, "BÜCHER.Example.").value()).isEqualTo("xn--bcher-kva.example");
        assertThat(normalizer.normalize(IdentifierKind.DOMAIN, "xn--bcher-kva.example").value()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void phonesBecomeE164() throws Exception {
        assertThat(normalizer.normalize(IdentifierKind.PHONE, "030 123456").value()).isEqualTo("+4930123456");
        assertThat(normalizer.normalize(IdentifierKind.PHONE, "+49 (30) 123-456").value()).isEqualTo("+4930123456");
        assertThat(normalizer.normalize(IdentifierKind.PHONE, "+1 650-253-0000").value()).isEqualTo("+16502530000");
    }

    @Test
    void refusesWhatIsNotAnIdentifierWithoutEchoingIt() {
        assertThatThrownBy(() -> normalizer.normalize(IdentifierKind.EMAIL, "secret-person-no-at-sign"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageNotContaining("secret-person");
        assertThatThrownBy(() -> normalizer.normalize(IdentifierKind.DOMAIN, "localhost"))
                .isInstanceOf(InvalidIdentifierException.class);
        assertThatThrownBy(() -> normalizer.normalize(IdentifierKind.DOMAIN, "bad_label.example"))
                .isInstanceOf(InvalidIdentifierException.class);
        assertThatThrownBy(() -> normalizer.normalize(IdentifierKind.PHONE, "+49 1"))
                .isInstanceOf(InvalidIdentifierException.class).hasMessageNotContaining("+49 1");
        assertThatThrownBy(() -> normalizer.normalize(IdentifierKind.EMAIL, "a".repeat(400) + "@example.com"))
                .isInstanceOf(InvalidIdentifierException.class);
        assertThatThrownBy(() -> normalizer.normalize(IdentifierKind.EMAIL, "a..b@example.com"))
                .isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    void toStringNeverShowsTheIdentifier() throws Exception {
        assertThat(normalizer.normalize(IdentifierKind.EMAIL, "alice@example.com").toString()).doesNotContain("alice");
    }
}
