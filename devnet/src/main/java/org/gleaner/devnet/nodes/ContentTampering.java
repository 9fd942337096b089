package org.gleaner.devnet.nodes;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What the misbehaving node does to every page it submits: it swaps the article text for advertising, keeping
 * the title and the links so the crawl goes on as usual. Its receipts are signed over the altered body, so
 * the signature and hash checks pass; only a spot check (another node fetching the same URL) can tell.
 */
public final class ContentTampering implements UnaryOperator<String> {
    private static final Pattern PARAGRAPH = Pattern.compile("<p>(?:(?!<a ).)*?</p>", Pattern.DOTALL);
    static final String INJECTED = "<p>Limited offer: miracle supplements at unbeatable prices, order today and "
            + "receive a free gift card with every bottle, no questions asked.</p>";

    /** Enough advertising up front that no page stays a near-duplicate of the original. */
    static final String BANNER = "<p>" + "Best prices on miracle supplements, watches and gift cards, shipped "
            + "overnight to your door with a money back promise. ".repeat(6) + "</p>";

    @Override
    public String apply(String html) {
        return PARAGRAPH.matcher(html).replaceAll(INJECTED).replace("<main>", "<main>" + BANNER);
    }
}
