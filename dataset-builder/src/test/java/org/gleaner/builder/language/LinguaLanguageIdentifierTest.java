package org.gleaner.builder.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identification and its confidence on hand-written examples ({@code language/labelled.tsv}): sentences and
 * two-word UI strings in eleven languages. The confidence is calibrated in the sense that matters for
 * filtering: confident answers are right, and wrong answers are not confident.
 */
class LinguaLanguageIdentifierTest {
    record Example(String code, String text) {}

    static LinguaLanguageIdentifier identifier;
    static List<Example> examples;

    @BeforeAll
    static void load() throws IOException {
        identifier = new LinguaLanguageIdentifier(LanguageSettings.defaults());
        examples = new ArrayList<>();
        try (InputStream in = LinguaLanguageIdentifierTest.class.getResourceAsStream("/language/labelled.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split("\t", 2);
                    examples.add(new Example(parts[0], parts[1]));
                }
            }
        }
    }

    @Test
    void namesTheLanguageOfEverySentence() {
        for (Example e : examples) {
            if (e.text().length() > 40) {
                assertThat(identifier.identify(e.text()).code()).as(e.text()).isEqualTo(e.code());
            }
        }
    }

    @Test
    void confidentAnswersAreRightAndWrongAnswersAreNotConfident() {
        int confident = 0;
        int confidentRight = 0;
        for (Example e : examples) {
            LanguageIdentifier.Identified id = identifier.identify(e.text());
            boolean right = id.code().equals(e.code());
            if (id.score() != null && id.score() >= 0.9) {
                confident++;
                confidentRight += right ? 1 : 0;
            }
            if (!right && !id.code().equals("und")) {
                assertThat(id.score()).as("wrong answer for '%s' should not be confident", e.text()).isLessThan(0.9);
            }
        }
        assertThat(confident).isGreaterThanOrEqualTo(examples.size() / 2);
        assertThat(confidentRight).isEqualTo(confident);
    }

    @Test
    void emptyTextIsUndetermined() {
        assertThat(identifier.identify("   ")).isEqualTo(LanguageIdentifier.Identified.UNDETERMINED);
        assertThat(identifier.identify("12345 67 89").code()).isEqualTo("und");
    }

    @Test
    void settingsRefuseBadValues() {
        assertThatThrownBy(() -> new LanguageSettings(List.of("en"), false, 0.5, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LanguageSettings(List.of("en", "english"), false, 0.5, 100))
                .hasMessageContaining("ISO 639-1");
        assertThatThrownBy(() -> new LanguageSettings(List.of("en", "de"), false, 1.5, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinguaLanguageIdentifier(new LanguageSettings(List.of("en", "qq"), false, 0.5, 100)))
                .hasMessageContaining("qq");
    }
}
