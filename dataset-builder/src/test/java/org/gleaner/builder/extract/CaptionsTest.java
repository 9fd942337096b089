package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.builder.extract.HarbourArticle.BODY;
import static org.gleaner.builder.extract.HarbourArticle.extract;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Captions and credits are found by structure (an image and a short line) and by how a credit opens. */
class CaptionsTest {
    @Test
    void dropsAnElementThatWrapsOnlyAnImageAndItsCaption() throws Exception {
        String text = extract("<body><article>" + BODY + "<div class=\"imginline\"><img src=\"q.png\"><span>The old "
                + "quay at low tide, seen from the eastern pier.</span></div>" + BODY.replace("Monday", "Tuesday")
                + "</article></body>");

        assertThat(text).contains("dredging of the inner basin", "approved the plan on Tuesday");
        assertThat(text).doesNotContain("The old quay at low tide");
    }

    @Test
    void dropsAnImageLinkWithACaptionParagraph() throws Exception {
        String text = extract("<body><article>" + BODY + "<div><a href=\"/big.jpg\"><img src=\"small.jpg\"></a>"
                + "<p>The crane on the eastern pier, picture via the harbour board</p></div></article></body>");

        assertThat(text).contains("welcomed the changes").doesNotContain("picture via the harbour board");
    }

    @Test
    void dropsCreditLinesInSeveralLanguages() throws Exception {
        String text = extract("<body><article>" + BODY + "<p><em>Titelbild: Hafenamt/Archiv</em></p>"
                + "<div>Photograph by Jane Doe</div><div><small>(crédito: Agência Porto)</small></div>"
                + "<div><span>The chair of the board, photo: Harbour Archive</span></div><p>© Harbour Times 2024</p>"
                + "</article></body>");

        assertThat(text).contains("dredging of the inner basin")
                .doesNotContain("Titelbild", "Photograph by", "crédito", "photo: Harbour", "© Harbour");
    }

    @Test
    void keepsAParagraphWithAnInlineImageAndParagraphsThatMentionPhotos() throws Exception {
        String text = extract("<body><article>" + BODY + "<p><img src=\"icon.png\">The photo competition closes on"
                + " Friday.</p><p>Photo: a word that opens this sentence, which is long enough to be the article's"
                + " own text and not a credit line under a picture, runs on well past a credit's length.</p>"
                + "</article></body>");

        assertThat(text).contains("The photo competition closes on Friday.", "runs on well past a credit's length");
    }

    @Test
    void aListItemWithAPhotoAndAnAuthorBlockWithItsLeadAreNotCaptions() {
        Element body = Jsoup.parse("<div class=\"intro\"><img src=\"author.jpg\"><span>Jane Doe</span><div>Harbour"
                + " plans divide the town as the board meets again.</div></div><ol><li><img src=\"1.jpg\">Dice the tofu"
                + " and pat it dry.</li></ol><div class=\"pic\"><img src=\"q.jpg\"><span>The quay at dawn</span></div>")
                .body();
        TextStats stats = TextStats.compute(body);

        assertThat(Captions.isCaptionOrCredit(body.selectFirst("div.intro"), stats)).isFalse();
        assertThat(Captions.isCaptionOrCredit(body.selectFirst("li"), stats)).isFalse();
        assertThat(Captions.isCaptionOrCredit(body.selectFirst("div.pic"), stats)).isTrue();
    }

    @Test
    void theOpeningOfALineIsReadWithoutTheRestOfIt() {
        Element div = Jsoup.parse("<div><em>Photo:</em> <b>Harbour</b> Archive, with a long tail of words that"
                + " follows the credit's opening</div>").body().child(0);

        assertThat(Captions.opening(div)).startsWith("Photo: Harbour Archive").hasSizeLessThan(80);
    }

    @Test
    void theFirstTwoLettersRuleOutOnlyLinesThatCannotOpenLikeACredit() {
        for (String word : new String[] {"photo", "picture", "image", "credit", "copyright", "crédito", "foto",
                "bild", "titelbild", "abbildung", "zdjęcie", "źródło", "(c)", "© Agency", "[Photo"}) {
            for (String variant : new String[] {word, word.toUpperCase(java.util.Locale.ROOT),
                    Character.toUpperCase(word.charAt(0)) + word.substring(1)}) {
                assertThat(Captions.mayOpenCredit(variant.charAt(0), variant.charAt(1))).as(variant).isTrue();
            }
        }
        for (String line : new String[] {"class", "public", "int", "boolean", "throws", "final", "array", "Char"}) {
            assertThat(Captions.mayOpenCredit(line.charAt(0), line.charAt(1))).as(line).isFalse();
        }
        assertThat(Captions.mayOpenCredit('c', -1)).as("second letter not known").isTrue();
    }

    @Test
    void stillDropsACreditLineAfterTheTwoLetterCheck() throws Exception {
        String text = extract("<body><article>" + BODY + "<p>Photo: Harbour Board</p><p>Class of 1990 reunion "
                + "held at the quay.</p>" + BODY.replace("Monday", "Tuesday") + "</article></body>");

        assertThat(text).contains("approved the plan on Tuesday").doesNotContain("Harbour Board");
    }
}
