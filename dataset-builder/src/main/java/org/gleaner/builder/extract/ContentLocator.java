package org.gleaner.builder.extract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * Finds the element that holds the main text, by Readability's block scoring: every paragraph-like block
 * with enough text scores by its length and commas, discounted by its link density, and passes its score
 * to its parent (in full), grandparent (half) and great-grandparent (a third). Containers start from a
 * score for their tag and their class/id hint. The best container, discounted by its own link density,
 * wins; its siblings join it when they score close to it or read as prose.
 */
final class ContentLocator {
    static final int MIN_PARAGRAPH_CHARS = 25;
    private static final Set<String> PARAGRAPH_TAGS = Set.of("p", "pre", "blockquote", "td", "dd", "li", "h2",
            "h3", "h4", "h5", "h6", "code");
    private static final Set<String> CONTAINER_TAGS = Set.of("div", "section", "article", "main", "td", "body",
            "blockquote", "pre", "form", "ul", "ol", "dl", "center", "font", "span", "table", "tbody", "tr");

    private ContentLocator() {}

    /**
     * The main content: the best container and the siblings that belong with it, in document order;
     * {@code markedArticle} when it is an element the page itself marks as its article (for diagnostics).
     */
    record Located(List<Element> elements, boolean markedArticle) {}

    static Located locate(Element body, TextStats stats) {
        return locate(body, body.getAllElements(), stats);
    }

    /** As {@link #locate(Element, TextStats)}, given the body's elements in document order. */
    static Located locate(Element body, List<Element> elements, TextStats stats) {
        Map<Element, Double> scores = new IdentityHashMap<>();
        // Containers in the order they were first scored: equal scores go to the first, on every run (an identity
        // map's own order follows identity hash codes, which differ from run to run).
        List<Element> scored = new ArrayList<>();
        for (Element e : elements) {
            if (!isParagraph(e, stats)) {
                continue;
            }
            TextStats.Counts c = stats.of(e);
            double score = (1 + c.commas + Math.min(c.chars / 100.0, 3)) * (1 - c.linkDensity());
            Element ancestor = e.parent();
            for (int level = 0; level < 3 && ancestor != null; level++, ancestor = ancestor.parent()) {
                if (!CONTAINER_TAGS.contains(ancestor.normalName())) {
                    continue;
                }
                double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                Double current = scores.get(ancestor);
                if (current == null) {
                    scored.add(ancestor);
                }
                double base = current != null ? current : initialScore(ancestor, stats);
                scores.put(ancestor, base + score / divider);
            }
        }
        Element best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Element container : scored) {
            double finalScore = scores.get(container) * (1 - stats.of(container).linkDensity());
            scores.put(container, finalScore);
            if (finalScore > bestScore) {
                bestScore = finalScore;
                best = container;
            }
        }
        if (best == null) {
            return new Located(List.of(body), false);
        }
        Element article = markedArticle(elements, stats);
        if (article != null && !isInside(best, article)) {
            // The scores favoured a block beside the article or around it: its comments, a teaser list.
            return new Located(List.of(article), true);
        }
        Element widened = widen(best, body, stats);
        if (widened != best) {
            return new Located(List.of(widened), ClassHints.isArticle(widened));
        }
        return new Located(withSiblings(best, bestScore, scores, stats), ClassHints.isArticle(best));
    }

    /**
     * Articles are often split over sibling containers (a recipe's ingredients and its steps, a lead and a
     * body): while the parent holds clearly more non-link text than the chosen block and is itself mostly
     * prose, the parent is the content. Widening stops at an element marked as the article, since what
     * surrounds an article with more text than it is usually its comments.
     */
    static Element widen(Element best, Element body, TextStats stats) {
        Element current = best;
        while (current.parent() != null && current.parent() != body && current != body
                && !ClassHints.isArticle(current)) {
            Element parent = current.parent();
            TextStats.Counts now = stats.of(current);
            TextStats.Counts up = stats.of(parent);
            int nowText = now.chars - now.linkChars;
            int upText = up.chars - up.linkChars;
            if (upText >= WIDEN_GAIN * nowText && up.linkDensity() <= WIDEN_MAX_LINK_DENSITY) {
                current = parent;
            } else if (upText == nowText) {
                current = parent;
            } else {
                break;
            }
        }
        return current;
    }

    static final double WIDEN_GAIN = 1.3;
    static final double WIDEN_MAX_LINK_DENSITY = 0.3;

    /** The element marked as the article holding the most non-link text, if it holds enough to be one. */
    private static Element markedArticle(List<Element> elements, TextStats stats) {
        Element found = null;
        int foundText = MIN_ARTICLE_CHARS - 1;
        for (Element e : elements) {
            TextStats.Counts c = stats.of(e);
            int text = c.chars - c.linkChars;
            if (text > foundText && c.linkDensity() < 0.3 && ClassHints.isArticle(e)) {
                found = e;
                foundText = text;
            }
        }
        return found;
    }

    static final int MIN_ARTICLE_CHARS = 250;

    private static boolean isInside(Element e, Element ancestor) {
        for (Element up = e; up != null; up = up.parent()) {
            if (up == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static boolean isParagraph(Element e, TextStats stats) {
        TextStats.Counts c = stats.of(e);
        if (c.chars < MIN_PARAGRAPH_CHARS) {
            return false;
        }
        if (PARAGRAPH_TAGS.contains(e.normalName())) {
            return true;
        }
        // A container with prose directly inside it (text between <br>s) counts as a paragraph too.
        return c.ownChars >= MIN_PARAGRAPH_CHARS && (e.nameIs("div") || e.nameIs("section")
                || e.nameIs("article") || e.nameIs("span") || e.nameIs("font") || e.nameIs("center")
                || e.nameIs("main") || e.nameIs("body"));
    }

    private static double initialScore(Element e, TextStats stats) {
        double tag = switch (e.normalName()) {
            case "article", "main" -> 10;
            case "div", "section" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "ol", "ul", "dl", "form" -> -3;
            default -> 0;
        };
        return tag + ClassHints.weight(stats.hint(e));
    }

    private static List<Element> withSiblings(Element best, double bestScore, Map<Element, Double> scores,
            TextStats stats) {
        Element parent = best.parent();
        if (parent == null) {
            return List.of(best);
        }
        double threshold = Math.max(10, bestScore * 0.2);
        List<Element> chosen = new ArrayList<>();
        for (Element sibling : parent.children()) {
            if (sibling == best) {
                chosen.add(sibling);
                continue;
            }
            double bonus = !best.className().isEmpty() && best.className().equals(sibling.className())
                    ? bestScore * 0.2 : 0;
            Double score = scores.get(sibling);
            if (score != null && score + bonus >= threshold) {
                chosen.add(sibling);
            } else if (sibling.nameIs("p") || sibling.nameIs("pre") || sibling.nameIs("blockquote")) {
                TextStats.Counts c = stats.of(sibling);
                boolean longProse = c.chars > 80 && c.linkDensity() < 0.25;
                boolean shortSentence = c.chars > 0 && c.chars <= 80 && c.linkChars == 0
                        && sibling.text().matches(".*\\.( |$).*");
                if (longProse || shortSentence) {
                    chosen.add(sibling);
                }
            }
        }
        return chosen;
    }
}
