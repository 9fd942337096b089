package org.gleaner.builder.extract;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Per-element text measures computed in one pass over the tree (no per-element re-walks, so deep or wide
 * documents stay linear): visible characters (whitespace not counted), characters inside links, commas,
 * and characters of the element's own direct text nodes.
 */
final class TextStats {

    /** Measures of one element's subtree. */
    static final class Counts {
        int chars;
        int linkChars;
        int commas;
        int ownChars;

        double linkDensity() {
            return chars == 0 ? 0 : (double) linkChars / chars;
        }
    }

    private static final Counts EMPTY = new Counts();
    private final Map<Element, Counts> counts;

    private TextStats(Map<Element, Counts> counts) {
        this.counts = counts;
    }

    Counts of(Element e) {
        return counts.getOrDefault(e, EMPTY);
    }

    static TextStats compute(Element root) {
        Map<Element, Counts> map = new IdentityHashMap<>();
        Deque<Counts> stack = new ArrayDeque<>();
        int[] linkDepth = {0};
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element e) {
                    Counts c = new Counts();
                    map.put(e, c);
                    stack.push(c);
                    if (e.nameIs("a")) {
                        linkDepth[0]++;
                    }
                } else if (node instanceof TextNode t && !stack.isEmpty()) {
                    Counts top = stack.peek();
                    String s = t.getWholeText();
                    int visible = 0;
                    int commas = 0;
                    for (int i = 0; i < s.length(); i++) {
                        char ch = s.charAt(i);
                        if (!Character.isWhitespace(ch) && ch != '\u00A0') {
                            visible++;
                            if (ch == ',' || ch == '\uFF0C' || ch == '\u3001' || ch == '\u060C') {
                                commas++;
                            }
                        }
                    }
                    top.chars += visible;
                    top.ownChars += visible;
                    top.commas += commas;
                    if (linkDepth[0] > 0) {
                        top.linkChars += visible;
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    Counts done = stack.pop();
                    if (e.nameIs("a")) {
                        linkDepth[0]--;
                    }
                    Counts parent = stack.peek();
                    if (parent != null) {
                        parent.chars += done.chars;
                        parent.linkChars += done.linkChars;
                        parent.commas += done.commas;
                    }
                }
            }
        }, root);
        return new TextStats(map);
    }
}
