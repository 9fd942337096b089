package org.gleaner.builder.extract;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * The article's lead when it sits outside the located content: pages often set the title, a standfirst and
 * the first paragraphs apart from the body (in a header block, a hero section, a sibling container), and the
 * scoring picks only the body. What lies between the page's main heading ({@code h1}) and the content is the
 * article's head zone; the prose blocks in it (enough text, few links) are the lead. The zone must be small
 * next to the content, so that a logo {@code h1} far above a page of chrome does not pull that chrome in.
 */
final class LeadFinder {
    static final int MIN_LEAD_CHARS = 60;
    static final double MAX_LEAD_LINK_DENSITY = 0.25;
    /** The head zone may hold at most this share of the content's text (and {@link #MIN_ZONE_CHARS} at least). */
    static final double MAX_ZONE_SHARE = 0.5;
    static final int MIN_ZONE_CHARS = 600;

    private LeadFinder() {}

    static List<Element> lead(Element body, Element content, TextStats stats) {
        return lead(body.getAllElements(), content, stats);
    }

    /** As {@link #lead(Element, Element, TextStats)}, given the body's elements in document order. */
    static List<Element> lead(List<Element> inOrder, Element content, TextStats stats) {
        int contentIndex = -1;
        int headingIndex = -1;
        for (int i = 0; i < inOrder.size(); i++) {
            Element e = inOrder.get(i);
            if (e == content) {
                contentIndex = i;
                break;
            }
            if (e.nameIs("h1")) {
                headingIndex = i;
            }
        }
        if (contentIndex < 0 || headingIndex < 0) {
            return List.of();
        }
        Element heading = inOrder.get(headingIndex);
        int zoneChars = 0;
        List<Element> lead = new ArrayList<>();
        Element taken = heading;
        for (int i = headingIndex + 1; i < contentIndex; i++) {
            Element e = inOrder.get(i);
            zoneChars += stats.of(e).ownChars;
            if (isInside(e, taken) || isInside(content, e)) {
                continue;
            }
            if (isTextBlock(e, stats)) {
                taken = e;
                TextStats.Counts c = stats.of(e);
                if (c.chars >= MIN_LEAD_CHARS && c.linkDensity() <= MAX_LEAD_LINK_DENSITY) {
                    lead.add(e);
                }
            }
        }
        int contentChars = stats.of(content).chars;
        return zoneChars <= Math.max(MIN_ZONE_CHARS, MAX_ZONE_SHARE * contentChars) ? lead : List.of();
    }

    private static boolean isTextBlock(Element e, TextStats stats) {
        return switch (e.normalName()) {
            case "p", "h2", "h3", "h4", "h5", "h6", "blockquote" -> true;
            case "div", "section", "span", "header" -> stats.of(e).ownChars >= ContentLocator.MIN_PARAGRAPH_CHARS;
            default -> false;
        };
    }

    private static boolean isInside(Element e, Element ancestor) {
        for (Element up = e; up != null; up = up.parent()) {
            if (up == ancestor) {
                return true;
            }
        }
        return false;
    }
}
