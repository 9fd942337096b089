package org.gleaner.builder.extract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Recognises a picture's caption and credit by structure, not by class name: an element that wraps an image
 * and no more than a short line beside it (what a {@code figure} without the tag looks like), and a short
 * line that opens like a credit ("Photo:", "Foto:", "Bild via", "©", "(crédito: ...)") in the languages the
 * builder sees most. Captions describe a picture the text does not carry, and credits name its owner: neither
 * is the article's text.
 */
final class Captions {
    /** Longer than any credit and most captions, shorter than a paragraph with an inline image. */
    static final int MAX_CAPTION_CHARS = 250;
    static final int MAX_CREDIT_CHARS = 120;
    private static final Pattern CREDIT = Pattern.compile(
            "^[(\\[]?\\s*(©|\\(c\\)|copyright\\b"
                    + "|(photo|photos|photograph|picture|image|images|credit|credits|foto|fotos|bild|bilder|titelbild"
                    + "|bildquelle|abbildung|abb\\.|crédito|créditos|crédit|imagen|imagem|zdjęcie|fot\\.|źródło zdjęcia)"
                    + "\\s*(:|by\\b|von\\b|via\\b|de\\b|/))",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** "Name, photo: Agency": a caption line that ends in its credit. */
    private static final Pattern TRAILING_CREDIT = Pattern.compile(
            ",\\s*(photo|foto|bild|crédito|credit|image)\\s*:", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private Captions() {}

    static boolean isCaptionOrCredit(Element e, TextStats stats) {
        TextStats.Counts c = stats.of(e);
        if (c.chars == 0 || c.chars > MAX_CAPTION_CHARS || c.paragraphs > 1 || c.listItems > 0) {
            return false;
        }
        return isPictureWithCaption(e, c, stats) || isCredit(e, c);
    }

    /**
     * An image and one short line beside it, nothing else: a figure in all but name. The line must be a
     * child of its own (a paragraph or list item with an image inside its sentence is text), and there must be
     * only one (an author's photo, name and lead paragraph are a header, not a caption).
     */
    private static boolean isPictureWithCaption(Element e, TextStats.Counts c, TextStats stats) {
        if (c.images == 0 || c.chars > MAX_CAPTION_CHARS || e.nameIs("p") || e.nameIs("li") || e.nameIs("body")
                || BoilerplateCleaner.isInlineInParagraph(e)) {
            return false;
        }
        int lines = 0;
        for (Node child : e.childNodes()) {
            if (child instanceof TextNode t && !t.isBlank()) {
                lines++;
            } else if (child instanceof Element ce && stats.of(ce).chars > 0) {
                if (stats.of(ce).images > 0) {
                    return false;
                }
                lines++;
            }
        }
        return lines == 1 && e.select("h1, h2, h3, h4, h5, h6, table, pre, blockquote, ul, ol").isEmpty();
    }

    /** A credit is a line of its own: block elements are judged, inline ones go with the line they are in. */
    private static boolean isCredit(Element e, TextStats.Counts c) {
        if (!e.isBlock() || c.chars > MAX_CREDIT_CHARS || c.paragraphs > 0 && !e.nameIs("p")) {
            return false;
        }
        boolean mayOpen = CREDIT_INITIALS.indexOf(c.firstChar) >= 0 && mayOpenCredit(c.firstChar, c.secondChar);
        String opening = mayOpen ? opening(e) : "";
        if (!opening.isEmpty() && CREDIT.matcher(opening).lookingAt()) {
            return true;
        }
        return c.commas > 0 && c.colons > 0 && TRAILING_CREDIT.matcher(e.text()).find();
    }

    /** The letters a credit's opening can start with (see {@link #CREDIT}): most lines are ruled out at once. */
    private static final String CREDIT_INITIALS = "©([cpifbtazźCPIFBTAZŹ";
    private static final int CREDIT_INITIALS_LENGTH = CREDIT_INITIALS.length();
    private static final boolean[][] ASCII_SECOND_MAY_OPEN = new boolean[CREDIT_INITIALS_LENGTH][128];

    static {
        for (int i = 0; i < CREDIT_INITIALS_LENGTH; i++) {
            for (char second = 0; second < 128; second++) {
                ASCII_SECOND_MAY_OPEN[i][second] = prefixMayOpenCredit(CREDIT_INITIALS.charAt(i), second);
            }
        }
    }

    /**
     * Whether a line whose text starts with {@code first} and then {@code second} (-1: not known) can open like a
     * credit, asked of {@link #CREDIT} itself: it fails on the two characters without reaching their end.
     */
    static boolean mayOpenCredit(int first, int second) {
        if (second < 0) {
            return true;
        }
        int initial = CREDIT_INITIALS.indexOf(first);
        if (initial >= 0 && second < 128) {
            return ASCII_SECOND_MAY_OPEN[initial][second];
        }
        return prefixMayOpenCredit((char) first, (char) second);
    }

    private static boolean prefixMayOpenCredit(char first, char second) {
        Matcher m = CREDIT.matcher(new String(new char[] {first, second}));
        return m.lookingAt() || m.hitEnd();
    }

    static final int OPENING_CHARS = 32;

    /**
     * The first characters of an element's text, enough for a credit's opening, without building all of it;
     * empty when the first character cannot start a credit.
     */
    static String opening(Element e) {
        StringBuilder sb = new StringBuilder(OPENING_CHARS + 16);
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    String s = t.getWholeText();
                    for (int i = 0; i < s.length() && sb.length() < OPENING_CHARS; i++) {
                        char ch = s.charAt(i);
                        if (!Character.isWhitespace(ch) && ch != '\u00A0') {
                            if (sb.length() == 0 && CREDIT_INITIALS.indexOf(ch) < 0) {
                                return FilterResult.STOP;
                            }
                            sb.append(ch);
                        } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
                            sb.append(' ');
                        }
                    }
                    if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
                        sb.append(' ');
                    }
                }
                return sb.length() >= OPENING_CHARS ? FilterResult.STOP : FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                return FilterResult.CONTINUE;
            }
        }, e);
        return sb.toString().strip();
    }
}
