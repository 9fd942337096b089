package org.gleaner.node.links;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.gleaner.node.fetch.CharsetDetector;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Absolute http(s) outlinks of an HTML page, fragments dropped, {@code rel=nofollow} and meta nofollow honoured. */
public final class OutlinkExtractor {
    private static final int MAX_LINKS = 1000;

    public List<String> extract(byte[] html, String contentType, String baseUrl) {
        Document doc = Jsoup.parse(new String(html, CharsetDetector.detect(contentType, html)), baseUrl);
        Element robots = doc.selectFirst("meta[name=robots]");
        if (robots != null && robots.attr("content").toLowerCase(Locale.ROOT).contains("nofollow")) {
            return List.of();
        }
        Set<String> links = new LinkedHashSet<>();
        for (Element a : doc.select("a[href]")) {
            if (a.attr("rel").toLowerCase(Locale.ROOT).contains("nofollow")) {
                continue;
            }
            String abs = a.absUrl("href");
            int hash = abs.indexOf('#');
            if (hash >= 0) {
                abs = abs.substring(0, hash);
            }
            if ((abs.startsWith("http://") || abs.startsWith("https://")) && abs.getBytes(StandardCharsets.UTF_8).length <= 4096) {
                links.add(abs);
            }
            if (links.size() >= MAX_LINKS) {
                break;
            }
        }
        return List.copyOf(links);
    }
}
