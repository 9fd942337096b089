package org.gleaner.builder.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * A thin HTML extractor: jsoup parses the bytes with the charset the Content-Type names (when the JVM knows
 * it) or the one jsoup detects (byte-order mark, {@code <meta charset>}, else UTF-8). The title is the
 * document's {@code <title>}; the text is the body's text with scripts, styles, navigation, headers and
 * footers removed and one line per block element. A main-content extractor replaces it later.
 */
public final class HtmlTextExtractor implements TextExtractor {

    /** Elements whose content never belongs to the document's text. */
    static final String REMOVED = "script, style, noscript, template, iframe, object, embed, svg, canvas, "
            + "nav, header, footer, [hidden]";

    @Override
    public ExtractedText extract(byte[] body, String contentType, String baseUrl) throws ExtractionException {
        String charset = ContentType.parse(contentType).supportedCharset().orElse(null);
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(body), charset, baseUrl == null ? "" : baseUrl);
        } catch (IOException | RuntimeException e) {
            throw new ExtractionException("cannot parse HTML: " + e.getMessage(), e);
        }
        String title = doc.title().replaceAll("[\\s\\u00A0]+", " ").strip();
        doc.select(REMOVED).remove();
        Element root = doc.body() != null ? doc.body() : doc;
        return new ExtractedText(title, BlockText.of(root));
    }

    /** Builds plain text with one line per block element and collapsed whitespace inside lines. */
    static final class BlockText implements NodeFilter {
        private final StringBuilder out = new StringBuilder();

        static String of(Node root) {
            BlockText text = new BlockText();
            NodeTraversor.filter(text, root);
            return text.result();
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
                appendInline(t.getWholeText());
            } else if (node instanceof Element e) {
                String name = e.normalName();
                if (name.equals("br")) {
                    newLine();
                } else if (name.equals("pre")) {
                    newLine();
                    out.append(e.wholeText().replaceAll("\\s+$", ""));
                    newLine();
                    return FilterResult.SKIP_CHILDREN;
                } else if (e.isBlock()) {
                    newLine();
                }
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e && e.isBlock()) {
                newLine();
            }
            return FilterResult.CONTINUE;
        }

        private void appendInline(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c) || c == '\u00A0') {
                    if (out.length() > 0 && !endsWith(' ') && !endsWith('\n')) {
                        out.append(' ');
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private void newLine() {
            while (endsWith(' ')) {
                out.setLength(out.length() - 1);
            }
            if (out.length() > 0 && !endsWith('\n')) {
                out.append('\n');
            }
        }

        private boolean endsWith(char c) {
            return out.length() > 0 && out.charAt(out.length() - 1) == c;
        }

        String result() {
            return out.toString().strip();
        }
    }
}
