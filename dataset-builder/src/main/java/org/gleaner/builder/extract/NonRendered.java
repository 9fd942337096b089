package org.gleaner.builder.extract;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;

/**
 * Removes, in one walk over the tree, what never renders as text: elements that hold no text by nature
 * (scripts, styles, embedded media, form controls, {@code figcaption}, {@code time}), elements marked hidden
 * ({@code hidden}, {@code aria-hidden=true}, an inline style with {@code display:none} or {@code
 * visibility:hidden}), comments, and figures that hold a picture and no text block (a {@code p},
 * {@code blockquote}, {@code table}, {@code pre} or {@code li}). A figure is judged on its subtree without the
 * never-text elements but with the hidden-styled ones, as the three separate selector passes this walk replaced
 * did it.
 */
final class NonRendered {
    private static final Set<String> NEVER_TEXT_TAGS = Set.of("script", "style", "noscript", "template", "iframe",
            "frame", "frameset", "object", "embed", "applet", "svg", "math", "canvas", "video", "audio", "map", "link",
            "meta", "button", "input", "select", "textarea", "option", "label", "dialog", "figcaption", "time");
    /** jsoup's own reading of these attribute selectors (value case, white space), asked only of elements with attributes. */
    private static final Evaluator HIDDEN = QueryParser.parse("[hidden], [aria-hidden=true]");
    private static final Set<String> FIGURE_TEXT_TAGS = Set.of("p", "blockquote", "table", "pre", "li");

    private NonRendered() {}

    static void remove(Element root) {
        List<Node> gone = new ArrayList<>();
        Deque<boolean[]> openFigures = new ArrayDeque<>(); // per figure: {holds a picture, holds a text block}
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof Comment) {
                    gone.add(node);
                    return FilterResult.CONTINUE;
                }
                if (!(node instanceof Element e)) {
                    return FilterResult.CONTINUE;
                }
                if (isNeverText(e, root)) {
                    gone.add(e);
                    // The root goes too, but what is inside it is still cleaned: the caller keeps working on it.
                    return e == root ? FilterResult.CONTINUE : FilterResult.SKIP_ENTIRELY;
                }
                if (!openFigures.isEmpty()) {
                    String name = e.normalName();
                    int flag = name.equals("img") || name.equals("picture") ? 0 : FIGURE_TEXT_TAGS.contains(name) ? 1 : -1;
                    if (flag >= 0) {
                        for (boolean[] figure : openFigures) {
                            figure[flag] = true;
                        }
                    }
                }
                if (e.nameIs("figure")) {
                    openFigures.push(new boolean[2]);
                }
                if (isHiddenByStyle(e)) {
                    gone.add(e); // its subtree is still walked: a figure around it counts what it holds
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element e && e.nameIs("figure")) {
                    boolean[] figure = openFigures.pop();
                    if (figure[0] && !figure[1]) {
                        gone.add(e);
                    }
                }
                return FilterResult.CONTINUE;
            }
        }, root);
        for (Node node : gone) {
            node.remove();
        }
    }

    private static boolean isNeverText(Element e, Element root) {
        if (NEVER_TEXT_TAGS.contains(e.normalName())) {
            return true;
        }
        return e.attributesSize() > 0 && HIDDEN.matches(root, e);
    }

    private static boolean isHiddenByStyle(Element e) {
        if (e.attributesSize() == 0 || !e.hasAttr("style")) {
            return false;
        }
        String style = e.attr("style").toLowerCase(Locale.ROOT).replace(" ", "");
        return style.contains("display:none") || style.contains("visibility:hidden");
    }
}
