package org.gleaner.builder.extract;

import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Removes the blocks inside the main content that are not prose (Readability's "clean conditionally"): blocks
 * hinted as boilerplate, link lists, image galleries, short fragments with no sentence, and blocks mostly
 * made of link text. Inner blocks are judged before the blocks that contain them. Headings, lists, tables
 * and code stay when they read as part of the text.
 */
final class ContentPruner {
    private static final String CANDIDATES = "div, section, ul, ol, dl, table, form, figure, p, header, span, center";

    private ContentPruner() {}

    static void prune(List<Element> content) {
        for (Element root : content) {
            TextStats stats = TextStats.compute(root);
            int total = Math.max(1, stats.of(root).chars);
            Elements blocks = root.select(CANDIDATES);
            for (int i = blocks.size() - 1; i >= 0; i--) {
                Element e = blocks.get(i);
                boolean holdsMostText = (double) stats.of(e).chars / total > BoilerplateCleaner.GUARD_SHARE;
                if (e != root && e.parent() != null && !holdsMostText && shouldRemove(e, stats)) {
                    e.remove();
                }
            }
            for (Element h : root.select("h1, h2, h3, h4, h5, h6")) {
                TextStats.Counts c = stats.of(h);
                if (ClassHints.weight(h) < 0 || c.linkDensity() > 0.33) {
                    h.remove();
                }
            }
        }
    }

    private static boolean shouldRemove(Element e, TextStats stats) {
        int weight = ClassHints.weight(e);
        if (weight < 0) {
            return true;
        }
        TextStats.Counts c = stats.of(e);
        if (e.nameIs("pre") || !e.select("pre, code").isEmpty() && c.linkDensity() < 0.5) {
            return false;
        }
        double linkDensity = c.linkDensity();
        if (e.nameIs("p") || e.nameIs("span")) {
            return false;
        }
        if (c.commas >= 10) {
            return false;
        }
        int paragraphs = e.select("p").size();
        int items = e.select("li").size() - 100;
        int images = e.select("img").size();
        boolean isList = e.nameIs("ul") || e.nameIs("ol") || e.nameIs("dl");
        if (images > 1 && paragraphs / (double) images < 0.5 && c.chars < 200) {
            return true;
        }
        if (!isList && items > paragraphs) {
            return true;
        }
        if (c.chars < MIN_FRAGMENT && images == 0 && !hasSentence(e)) {
            return true;
        }
        if (weight < 25 && linkDensity > 0.33) {
            return true;
        }
        return weight >= 25 && linkDensity > 0.5;
    }

    static final int MIN_FRAGMENT = 25;

    private static boolean hasSentence(Element e) {
        String text = e.text();
        return text.length() > 10 && text.matches("(?s).*[.!?:;](\\s|$).*");
    }
}
