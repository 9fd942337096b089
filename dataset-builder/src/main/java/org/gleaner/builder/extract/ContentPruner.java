package org.gleaner.builder.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeTraversor;

/**
 * Removes the blocks inside the main content that are not prose (Readability's "clean conditionally"): blocks
 * hinted as boilerplate, link lists, image galleries, short fragments with no sentence, and blocks mostly
 * made of link text. Inner blocks are judged before the blocks that contain them. Headings, lists, tables
 * and code stay when they read as part of the text.
 */
final class ContentPruner {
    private static final Set<String> CANDIDATES = Set.of("div", "section", "ul", "ol", "dl", "table", "form", "figure",
            "p", "header", "span", "center");
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    private static final Set<String> DATE_LINE_CANDIDATES = Set.of("p", "div", "span", "li", "small", "dd", "dt");

    private ContentPruner() {}

    /** Prunes {@code root}, given the measures of its subtree as it is now. */
    static void prune(Element root, TextStats stats) {
        int total = Math.max(1, stats.of(root).chars);
        // One walk finds the elements of every step; a later step skips those an earlier one took out.
        List<Element> blocks = new ArrayList<>();
        List<Element> headings = new ArrayList<>();
        List<Element> dateLineCandidates = new ArrayList<>();
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof Element e) {
                String name = e.normalName();
                if (CANDIDATES.contains(name)) {
                    blocks.add(e);
                }
                if (HEADINGS.contains(name)) {
                    headings.add(e);
                }
                if (DATE_LINE_CANDIDATES.contains(name)) {
                    dateLineCandidates.add(e);
                }
            }
        }, root);
        SiblingRemovals removals = new SiblingRemovals();
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Element e = blocks.get(i);
            removals.beforeJudging(e);
            boolean holdsMostText = (double) stats.of(e).chars / total > BoilerplateCleaner.GUARD_SHARE;
            if (e != root && e.parent() != null && !holdsMostText && shouldRemove(e, stats)) {
                if (stats.of(e).linkDensity() > LINK_LIST_DENSITY) {
                    removeLeadIn(e, stats);
                }
                removals.remove(e);
            }
        }
        removals.flush();
        for (Element h : headings) {
            if (!Subtree.isAttached(h, root)) {
                continue;
            }
            TextStats.Counts c = stats.of(h);
            boolean chrome = ClassHints.weight(stats.hint(h)) < 0
                    && !(ClassHints.isOnlyWeaklyNegative(h) && BoilerplateCleaner.isProse(c));
            if (chrome || c.linkDensity() > 0.33) {
                h.remove();
            }
        }
        removeDateLines(root, dateLineCandidates, stats);
        removeOrphanHeadings(root, headings);
    }

    private static boolean shouldRemove(Element e, TextStats stats) {
        int weight = ClassHints.weight(stats.hint(e));
        TextStats.Counts c = stats.of(e);
        if (weight < 0 && BoilerplateCleaner.isInlineInParagraph(e)) {
            return false;
        }
        if (weight < 0) {
            if (!ClassHints.isOnlyWeaklyNegative(e) || !BoilerplateCleaner.isProse(c)) {
                return true;
            }
            weight = 0;
        }
        if (e.nameIs("pre") || c.codeBlocks > 0 && c.linkDensity() < 0.5) {
            return false;
        }
        double linkDensity = c.linkDensity();
        if (e.nameIs("p") || e.nameIs("span")) {
            return false;
        }
        if (c.commas >= 10) {
            return false;
        }
        int paragraphs = c.paragraphs;
        int items = c.listItems - 100;
        int images = c.images;
        boolean isList = e.nameIs("ul") || e.nameIs("ol") || e.nameIs("dl");
        boolean isData = isList || e.nameIs("table");
        if (images > 1 && paragraphs / (double) images < 0.5 && c.chars < 200) {
            return true;
        }
        if (!isList && items > paragraphs) {
            return true;
        }
        if (!isData && c.chars < MIN_FRAGMENT && images == 0 && !hasSentence(e, c)) {
            return true;
        }
        if (weight < 25 && linkDensity > 0.33) {
            return true;
        }
        return weight >= 25 && linkDensity > 0.5;
    }

    static final double LINK_LIST_DENSITY = 0.33;
    static final int MAX_LEAD_IN_CHARS = 80;

    /**
     * The line that announces a removed link list ("Read also:", "More on this topic") goes with it: a heading
     * or a wholly bold line right before the list, short and not a sentence.
     */
    private static void removeLeadIn(Element list, TextStats stats) {
        Element before = list.previousElementSibling();
        while (before != null && stats.of(before).chars == 0 && stats.of(before).images == 0) {
            before = before.previousElementSibling();
        }
        if (before == null || stats.of(before).chars > MAX_LEAD_IN_CHARS || stats.of(before).linkChars > 0) {
            return;
        }
        String text = before.text().strip();
        boolean heading = HEADINGS.contains(before.normalName());
        boolean boldLine = before.nameIs("p") && before.children().size() == 1
                && (before.child(0).nameIs("strong") || before.child(0).nameIs("b"))
                && before.child(0).text().strip().equals(text);
        boolean sentence = !text.isEmpty() && ".!?".indexOf(text.charAt(text.length() - 1)) >= 0;
        if ((heading || boldLine) && !sentence) {
            before.remove();
        }
    }

    static final int MIN_FRAGMENT = 25;
    static final int MAX_DATE_LINE_CHARS = 50;
    private static final Pattern DATE = Pattern.compile(
            "\\b(\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\.? ?[A-Za-z\\u00C0-\\u017F]{3,10}\\.? \\d{4}"
                    + "|[A-Za-z]{3,9}\\.? \\d{1,2}(st|nd|rd|th)?,? \\d{4})\\b");

    /** A short block that is mostly a date ("Erstellt am 6. Mai 2014", "03.04.2020") is a byline, not text. */
    private static void removeDateLines(Element root, List<Element> candidates, TextStats stats) {
        for (Element e : candidates) {
            TextStats.Counts c = stats.of(e);
            // The measures predate the pruning, which only takes text away: no digit then means none now.
            if (e == root || c.chars > MAX_DATE_LINE_CHARS || c.paragraphs + c.listItems > 0 || c.digits == 0
                    || !Subtree.isAttached(e, root)) {
                continue;
            }
            String text = e.text();
            if (text.length() <= MAX_DATE_LINE_CHARS && DATE.matcher(text).find()
                    && text.split("\\s+").length <= 6) {
                e.remove();
            }
        }
    }

    /** A heading with no text after it ("Mehr zum Thema" over a removed link list) is left-over chrome. */
    private static void removeOrphanHeadings(Element root, List<Element> headings) {
        for (int i = headings.size() - 1; i >= 0; i--) {
            Element h = headings.get(i);
            if (!Subtree.isAttached(h, root)) {
                continue;
            }
            Element next = h.nextElementSibling();
            while (next != null && Subtree.isBlank(next)) {
                next = next.nextElementSibling();
            }
            boolean followedByHeading = next != null && HEADINGS.contains(next.normalName());
            if (next == null && h.parent() != null && isLastTextIn(h, root) || followedByHeading) {
                h.remove();
            }
        }
    }

    private static boolean isLastTextIn(Element h, Element root) {
        for (Element up = h; up != null && up != root; up = up.parent()) {
            for (Element sib = up.nextElementSibling(); sib != null; sib = sib.nextElementSibling()) {
                if (!Subtree.isBlank(sib)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The measures predate the pruning, which only takes text away: no sentence mark then means none now. */
    private static boolean hasSentence(Element e, TextStats.Counts c) {
        if (c.stops == 0) {
            return false;
        }
        String text = e.text();
        return text.length() > 10 && text.matches("(?s).*[.!?:;](\\s|$).*");
    }
}
