package org.gleaner.builder.extract;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The document's title: its {@code <title>}, else its Open Graph title, else its first {@code <h1>}. */
final class TitleFinder {
    private TitleFinder() {}

    static String title(Document doc) {
        String title = clean(doc.title());
        if (title.isEmpty()) {
            Element og = doc.selectFirst("meta[property=og:title]");
            title = og == null ? "" : clean(og.attr("content"));
        }
        if (title.isEmpty()) {
            Element h1 = doc.selectFirst("h1");
            title = h1 == null ? "" : clean(h1.text());
        }
        return title.isEmpty() ? null : title;
    }

    private static String clean(String s) {
        return s.replaceAll("[\\s\\u00A0]+", " ").strip();
    }
}
