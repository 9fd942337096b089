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
    void socialHandlesTakeTheDatasetBuildersFormFromEverySpelling() throws Exception {
        for (String spelling : new String[] {"github:Ada", "https://github.com/Ada", "https://www.GitHub.com/ada/", " GITHUB:ada "}) {
            assertThat(normalizer.normalize(IdentifierKind.SOCIAL, spelling).value()).as(spelling).isEqualTo("github:ada");
        }
        assertThat(normalizer.normalize(IdentifierKind.SOCIAL, "https://x.com/Ada_L").value()).isEqualTo("twitter:ada_l");
        assertThat(normalizer.normalize(IdentifierKind.SOCIAL, "https://www.linkedin.com/in/ada-l").value()).isEqualTo("linkedin:ada-l");
        assertThat(normalizer.normalize(IdentifierKind.SOCIAL, "@Ada@Social.Example").value()).isEqualTo("fediverse:ada@social.example");
        assertThat(normalizer.normalize(IdentifierKind.SOCIAL, "https://social.example/@ada").value()).isEqualTo("fediverse:ada@social.example");
        assertThat(normalizer.normalize(IdentifierKind.SOCIAL, "at:ada").value()).isEqualTo("at:ada");
        assertThat(SocialHandles.profileUrl("github:ada")).hasToString("https://github.com/ada");
        assertThat(SocialHandles.profileUrl("fediverse:ada@social.example")).hasToString("https://social.example/@ada");
        assertThat(SocialHandles.profileUrl("at:ada")).isNull();
        for (String bad : new String[] {"myspace:ada", "https://github.com/ada?tab=repos", "https://example.org/ada", "github:", "ada"}) {
            assertThatThrownBy(() -> normalizer.normalize(IdentifierKind.SOCIAL, bad)).as(bad).isInstanceOf(InvalidIdentifierException.class);
        }
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
