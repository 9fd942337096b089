package org.gleaner.builder.extract;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Plain text of a subtree: one line per block element, list items and table rows on lines of their own,
 * table cells separated by {@code " | "}, {@code <pre>} kept verbatim, whitespace collapsed inside lines.
 * Iterative (jsoup's traversor), so nesting depth cannot overflow the stack.
 */
final class BlockText implements NodeFilter {
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
            switch (name) {
                case "br", "tr" -> newLine();
                case "td", "th" -> {
                    if (!atLineStart()) {
                        trimTrailingSpace();
                        out.append(" | ");
                    }
                }
                case "pre" -> {
                    newLine();
                    out.append(e.wholeText().replaceAll("\\s+$", ""));
                    newLine();
                    return FilterResult.SKIP_CHILDREN;
                }
                default -> {
                    if (e.isBlock()) {
                        newLine();
                    }
                }
            }
        }
        return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
        if (node instanceof Element e && e.isBlock() && !e.nameIs("td") && !e.nameIs("th")) {
            newLine();
        }
        return FilterResult.CONTINUE;
    }

    private void appendInline(String s) {
        int length = out.length();
        char last = length == 0 ? '\n' : out.charAt(length - 1); // at the start, no space is written
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > ' ' && c < 0x7F) { // printable ASCII, most of every page
                out.append(c);
                last = c;
            } else if (isInvisible(c)) {
                continue;
            } else if (Character.isWhitespace(c) || c == '\u00A0') {
                if (last != ' ' && last != '\n') {
                    out.append(' ');
                    last = ' ';
                }
            } else {
                out.append(c);
                last = c;
            }
        }
    }

    /** Soft hyphens and zero-width characters: formatting hints, not text (they break word matching). */
    static boolean isInvisible(char c) {
        return c == '\u00AD' || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060'
                || c == '\uFEFF';
    }

    private boolean atLineStart() {
        return out.length() == 0 || endsWith('\n');
    }

    private void trimTrailingSpace() {
        while (endsWith(' ')) {
            out.setLength(out.length() - 1);
        }
    }

    private void newLine() {
        trimTrailingSpace();
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
