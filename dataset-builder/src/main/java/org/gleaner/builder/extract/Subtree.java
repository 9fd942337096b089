package org.gleaner.builder.extract;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/** Cheap questions about a subtree, answered without building its text. */
final class Subtree {
    private Subtree() {}

    /** Whether {@code e} is still {@code root} or inside it (nothing on its way up was removed). */
    static boolean isAttached(Element e, Element root) {
        for (Element up = e; up != null; up = up.parent()) {
            if (up == root) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code e.text().isBlank()}, deciding at the first character that is plainly text. Characters whose
     * fate in {@link Element#text()} depends on context (no-break and other unusual spaces, zero-width
     * characters, controls) hand the question to {@code text()} itself.
     */
    static boolean isBlank(Element e) {
        int[] verdict = {0}; // 0 blank so far, 1 text found, -1 undecided by this scan
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    String s = t.getWholeText();
                    for (int i = 0; i < s.length(); i++) {
                        char ch = s.charAt(i);
                        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f') {
                            continue;
                        }
                        boolean plain = ch > ' ' && ch != '\u00A0' && ch != '\u200B' && ch != '\u00AD'
                                && !Character.isWhitespace(ch);
                        verdict[0] = plain ? 1 : -1;
                        return FilterResult.STOP;
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                return FilterResult.CONTINUE;
            }
        }, e);
        return verdict[0] == 0 || verdict[0] < 0 && e.text().isBlank();
    }
}
