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
 * characters of the element's own direct text nodes, and how many paragraphs, list items, images and code
 * blocks it contains (itself not included).
 */
final class TextStats {

    /** Measures of one element's subtree. */
    static final class Counts {
        int chars;
        int linkChars;
        int commas;
        int ownChars;
        int paragraphs;
        int listItems;
        int images;
        int codeBlocks;
        /** Descendants that mark an article or the main content: {@code article}, {@code main}, ... */
        int articles;
        /**
         * Colons, ASCII digits and sentence marks ({@code . ! ? : ;}) in the text: a text without them cannot
         * match the patterns that look for a credit, a date or a sentence, so the text need not be built.
         */
        int colons;
        int digits;
        int stops;
        /**
         * The first visible character of the text, -1 when there is none: as first measured, since
         * {@link #remove} does not update it (only the caption check, which runs before any removal, reads it).
         */
        int firstChar = -1;
        /**
         * The character right after {@link #firstChar} in the same text node when it is visible too, -1 when not
         * or when unknown; measured and kept as {@code firstChar} is.
         */
        int secondChar = -1;
        /** The element's class/id/role hint, once asked for (it depends on attributes only, which stay). */
        ClassHints.Hint hint;

        double linkDensity() {
            return chars == 0 ? 0 : (double) linkChars / chars;
        }
    }

    private static final Counts EMPTY = new Counts();

    /** Not white space (no-break space included); printable ASCII, most of every page, is decided first. */
    static boolean isVisible(char ch) {
        if (ch > ' ' && ch < 0x7F) {
            return true;
        }
        return !Character.isWhitespace(ch) && ch != '\u00A0';
    }
    /** {@link ClassHints#of}, read once per element. */
    ClassHints.Hint hint(Element e) {
        Counts c = counts.get(e);
        if (c == null) {
            return ClassHints.of(e);
        }
        if (c.hint == null) {
            c.hint = ClassHints.of(e);
        }
        return c.hint;
    }

    /** Where the first visible character of {@code s} is, -1 when there is none. */
    private static int firstVisible(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isVisible(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private final Map<Element, Counts> counts;

    private TextStats(Map<Element, Counts> counts) {
        this.counts = counts;
    }

    Counts of(Element e) {
        return counts.getOrDefault(e, EMPTY);
    }

    /**
     * The element itself marks an article or the main content, as the selector {@code article, main,
     * [itemprop=articleBody], [role=main]} would match it.
     */
    static boolean marksArticle(Element e) {
        if (e.nameIs("article") || e.nameIs("main")) {
            return true;
        }
        return e.attributesSize() > 0 && (e.attr("itemprop").trim().equalsIgnoreCase("articleBody")
                || e.attr("role").trim().equalsIgnoreCase("main"));
    }

    /**
     * Removes an element from the tree and its measures from its ancestors', so the measures stay those of
     * the tree without it (no second pass over the page).
     */
    void remove(Element e) {
        Counts gone = counts.get(e);
        Element parent = e.parent();
        e.remove();
        if (gone == null) {
            return;
        }
        int paragraph = e.nameIs("p") ? 1 : 0;
        int listItem = e.nameIs("li") ? 1 : 0;
        int image = e.nameIs("img") ? 1 : 0;
        int code = e.nameIs("pre") || e.nameIs("code") ? 1 : 0;
        int article = marksArticle(e) ? 1 : 0;
        for (Element up = parent; up != null; up = up.parent()) {
            Counts c = counts.get(up);
            if (c == null) {
                break;
            }
            c.chars -= gone.chars;
            c.linkChars -= gone.linkChars;
            c.commas -= gone.commas;
            c.colons -= gone.colons;
            c.digits -= gone.digits;
            c.stops -= gone.stops;
            c.paragraphs -= gone.paragraphs + paragraph;
            c.listItems -= gone.listItems + listItem;
            c.images -= gone.images + image;
            c.codeBlocks -= gone.codeBlocks + code;
            c.articles -= gone.articles + article;
        }
    }

    /**
     * The measures of {@code copy}, a deep copy of {@code original} (an element under these measures), taken
     * over from the original's instead of counted again. An original inside a link is measured afresh, since
     * the copy has no link around it.
     */
    TextStats forCopy(Element original, Element copy) {
        for (Element up = original.parent(); up != null; up = up.parent()) {
            if (up.nameIs("a")) {
                return compute(copy);
            }
        }
        Map<Element, Counts> map = new IdentityHashMap<>(Math.max(64, counts.size()));
        Deque<Element> pending = new ArrayDeque<>();
        pending.push(original);
        pending.push(copy);
        while (!pending.isEmpty()) {
            Element to = pending.pop();
            Element from = pending.pop();
            Counts c = counts.get(from);
            if (c != null) {
                map.put(to, c);
            }
            for (int i = 0, n = from.childNodeSize(); i < n; i++) {
                if (from.childNode(i) instanceof Element child) {
                    pending.push(child);
                    pending.push((Element) to.childNode(i));
                }
            }
        }
        return new TextStats(map);
    }

    static TextStats compute(Element root) {
        return compute(root, 64);
    }

    /** Measures of every element under {@code root}; {@code expectedElements} sizes the table once. */
    static TextStats compute(Element root, int expectedElements) {
        Map<Element, Counts> map = new IdentityHashMap<>(expectedElements);
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
                    int colons = 0;
                    int digits = 0;
                    int stops = 0;
                    for (int i = 0; i < s.length(); i++) {
                        char ch = s.charAt(i);
                        if (ch > ' ' && ch < 0x7F) {
                            visible++;
                            switch (ch) {
                                case ',' -> commas++;
                                case ':' -> {
                                    colons++;
                                    stops++;
                                }
                                case '.', '!', '?', ';' -> stops++;
                                default -> {
                                    if (ch >= '0' && ch <= '9') {
                                        digits++;
                                    }
                                }
                            }
                        } else if (isVisible(ch)) {
                            visible++;
                            if (ch == '\uFF0C' || ch == '\u3001' || ch == '\u060C') {
                                commas++;
                            }
                        }
                    }
                    if (visible > 0 && top.firstChar < 0) {
                        int at = firstVisible(s);
                        int first = at < 0 ? -1 : s.charAt(at);
                        int second = at >= 0 && at + 1 < s.length() && isVisible(s.charAt(at + 1)) ? s.charAt(at + 1) : -1;
                        for (Counts open : stack) { // innermost first; those with a first character are a bottom run
                            if (open.firstChar >= 0) {
                                break;
                            }
                            open.firstChar = first;
                            open.secondChar = second;
                        }
                    }
                    top.chars += visible;
                    top.ownChars += visible;
                    top.commas += commas;
                    top.colons += colons;
                    top.digits += digits;
                    top.stops += stops;
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
                        parent.colons += done.colons;
                        parent.digits += done.digits;
                        parent.stops += done.stops;
                        parent.paragraphs += done.paragraphs + (e.nameIs("p") ? 1 : 0);
                        parent.listItems += done.listItems + (e.nameIs("li") ? 1 : 0);
                        parent.images += done.images + (e.nameIs("img") ? 1 : 0);
                        parent.codeBlocks += done.codeBlocks + (e.nameIs("pre") || e.nameIs("code") ? 1 : 0);
                        parent.articles += done.articles + (marksArticle(e) ? 1 : 0);
                    }
                }
            }
        }, root);
        return new TextStats(map);
    }
}
