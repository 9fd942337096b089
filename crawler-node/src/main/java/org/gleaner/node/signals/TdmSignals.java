package org.gleaner.node.signals;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A page's TDMRep signals from its three sources: the site's {@code tdmrep.json} rule for the page, the
 * {@code tdm-reservation} / {@code tdm-policy} response headers, and the same names as HTML {@code <meta>} tags.
 * A reservation from any source counts (a site that reserves its rights anywhere is taken at its word); otherwise
 * the first source that says something, in that order. Values are normalised to "1", "0" or "" (absent).
 */
public final class TdmSignals {
    private static final int MAX_POLICY = 2048;
    /** Meta tags are looked for only in the first part of a page, where its head is. */
    private static final int META_SCAN_BYTES = 64 * 1024;

    public record Tdm(String reservation, String policy) {
        public static final Tdm NONE = new Tdm("", "");
    }

    private TdmSignals() {
    }

    public static Tdm resolve(Optional<TdmRepRules.Rule> fileRule, String headerReservation, String headerPolicy, Tdm meta) {
        Tdm file = fileRule.map(r -> new Tdm(r.reservation(), cap(r.policy()))).orElse(Tdm.NONE);
        Tdm header = new Tdm(normalise(headerReservation), cap(headerPolicy.trim()));
        for (Tdm source : new Tdm[] {file, header, meta}) {
            if (source.reservation().equals("1")) {
                return source;
            }
        }
        for (Tdm source : new Tdm[] {file, header, meta}) {
            if (!source.reservation().isEmpty()) {
                return source;
            }
        }
        return Tdm.NONE;
    }

    /** The {@code tdm-reservation} and {@code tdm-policy} meta tags of an HTML page, if it has any. */
    public static Tdm fromHtml(byte[] body, String mediaType, Charset charset) {
        if (!mediaType.startsWith("text/html") && !mediaType.startsWith("application/xhtml")) {
            return Tdm.NONE;
        }
        int length = Math.min(body.length, META_SCAN_BYTES);
        String head = new String(body, 0, length, charset);
        // Most pages have no TDMRep meta tag: look for the name before paying for a parse.
        if (!head.toLowerCase(Locale.ROOT).contains("tdm-")) {
            return Tdm.NONE;
        }
        Document doc = Jsoup.parse(head);
        return new Tdm(normalise(meta(doc, "tdm-reservation")), cap(meta(doc, "tdm-policy")));
    }

    private static String meta(Document doc, String name) {
        for (Element e : doc.select("meta[name]")) {
            if (e.attr("name").trim().equalsIgnoreCase(name)) {
                return e.attr("content").trim();
            }
        }
        return "";
    }

    private static String normalise(String reservation) {
        String v = reservation.trim();
        return v.equals("1") || v.equals("0") ? v : "";
    }

    private static String cap(String value) {
        return value.length() > MAX_POLICY ? value.substring(0, MAX_POLICY) : value;
    }
}
