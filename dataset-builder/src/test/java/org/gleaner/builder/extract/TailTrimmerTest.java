package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TailTrimmerTest {
    private static final String BODY = "The harbour works start in May.\nThe crane moves to the eastern pier.";

    @Test
    void dropsShortLinesThatAreNotSentencesAfterTheLastSentence() {
        assertThat(TailTrimmer.trim(BODY + "\nMore on this topic\nRead also:\nNo comments")).isEqualTo(BODY);
    }

    @Test
    void keepsClosingSentencesSignaturesNumbersAddressesAndTableRows() {
        for (String tail : new String[] {"That is all, for now!", "J. Smith, harbour master.", "Total: 1,200",
                "Sign the petition at https://petition.test/harbour", "Crane | 40 t", "See you there 😉"}) {
            assertThat(TailTrimmer.trim(BODY + "\n" + tail)).isEqualTo(BODY + "\n" + tail);
        }
    }

    @Test
    void keepsShortLinesInsideTheText() {
        String text = "Step one:\n" + BODY;

        assertThat(TailTrimmer.trim(text)).isEqualTo(text);
    }

    @Test
    void leavesALongLastLineWhateverItEndsWith() {
        String longLine = "A line of more than a hundred characters that ends without punctuation because the page "
                + "forgot it, as pages built by hand often do";

        assertThat(TailTrimmer.trim(BODY + "\n" + longLine)).endsWith("often do");
    }
}
