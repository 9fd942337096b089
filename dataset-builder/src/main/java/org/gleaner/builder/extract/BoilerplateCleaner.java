package org.gleaner.builder.extract;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeTraversor;

/**
 * Removes what is never main text before any scoring: non-rendered elements (scripts, styles, forms
 * controls, hidden elements, comments), page chrome by tag ({@code nav}, {@code aside}, {@code footer},
 * {@code header}) and by role or class/id hint ({@link ClassHints}). A guard keeps any element that holds
 * the page's article (an {@code article} or {@code main} inside it) or most of its text, since
 * sites do misuse these names ({@code <div class="no-sidebar">} around everything).
 */
final class BoilerplateCleaner {
    static final double GUARD_SHARE = 0.6;

    private BoilerplateCleaner() {}

    /** Cleans the tree and returns the measures of what is left. */
    static TextStats clean(Element body, int expectedElements) {
        NonRendered.remove(body);
        TextStats stats = TextStats.compute(body, expectedElements);
        int total = Math.max(1, stats.of(body).chars);
        List<Element> chrome = new ArrayList<>();
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof Element e && e != body && isChrome(e, stats, total)) {
                chrome.add(e);
            }
        }, body);
        for (Element e : chrome) {
            if (e.parent() != null) {
                stats.remove(e);
            }
        }
        return stats;
    }

    private static boolean isChrome(Element e, TextStats stats, int total) {
        boolean chromeTag = e.nameIs("nav") || e.nameIs("aside") || e.nameIs("footer") || e.nameIs("header");
        if ((chromeTag || stats.hint(e) == ClassHints.Hint.NEGATIVE) && !guarded(e, stats, total)
                && !isArticlePart(e, stats)) {
            return true;
        }
        return Captions.isCaptionOrCredit(e, stats) && !guarded(e, stats, total);
    }

    /**
     * Chrome words that are also names of an article's own parts (its header with the lead, a teaser
     * paragraph, a page builder's text widget) remove an element only when it is not prose; and an inline
     * element inside a paragraph (a dateline span) is part of that paragraph's sentence, whatever its class.
     */
    private static boolean isArticlePart(Element e, TextStats stats) {
        if (isInlineInParagraph(e)) {
            return true;
        }
        return ClassHints.isOnlyWeaklyNegative(e) && isProse(stats.of(e));
    }

    static boolean isInlineInParagraph(Element e) {
        return !e.isBlock() && e.parent() != null && e.parent().nameIs("p") && e.attr("role").isEmpty();
    }

    static final int PROSE_MIN_CHARS = 80;
    static final double PROSE_MAX_LINK_DENSITY = 0.25;

    /** Enough text outside links to be a sentence or more, and few links: a lead, not a menu or a teaser list. */
    static boolean isProse(TextStats.Counts c) {
        return c.chars - c.linkChars >= PROSE_MIN_CHARS && c.linkDensity() <= PROSE_MAX_LINK_DENSITY;
    }

    private static boolean guarded(Element e, TextStats stats, int total) {
        if (e.nameIs("article") || e.nameIs("main")) {
            return true;
        }
        if ((double) stats.of(e).chars / total > GUARD_SHARE) {
            return true;
        }
        return TextStats.marksArticle(e) || stats.of(e).articles > 0;
    }
}
