package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.junit.jupiter.api.Test;

class NonRenderedTest {
    /** The selector passes {@link NonRendered} replaced, in their order: what it must leave, exactly. */
    private static void removeBySelectors(Element body) {
        body.select("script, style, noscript, template, iframe, frame, frameset, object, embed, applet, svg, math, "
                + "canvas, video, audio, map, link, meta, button, input, select, textarea, option, label, dialog, "
                + "figcaption, time, [hidden], [aria-hidden=true]").remove();
        List<Node> comments = new ArrayList<>();
        NodeTraversor.traverse((NodeVisitor) (node, depth) -> {
            if (node instanceof Comment) {
                comments.add(node);
            }
        }, body);
        comments.forEach(Node::remove);
        for (Element figure : body.select("figure")) {
            if (!figure.select("img, picture").isEmpty() && figure.select("p, blockquote, table, pre, li").isEmpty()) {
                figure.remove();
            }
        }
        for (Element e : body.select("[style]")) {
            String style = e.attr("style").toLowerCase(Locale.ROOT).replace(" ", "");
            if (style.contains("display:none") || style.contains("visibility:hidden")) {
                e.remove();
            }
        }
    }

    private static final String[] PAGES = {
        "<p>Text<script>x()</script><!-- note --><style>p{}</style> more</p><noscript><p>enable js</p></noscript>",
        "<figure><img src=a><figcaption>Caption</figcaption></figure><p>After</p>",
        "<figure><img src=a><p>A paragraph in a figure</p></figure>",
        "<figure><img src=a><p style='display: none'>hidden text still counts for the figure</p></figure><p>x</p>",
        "<figure><noscript><img src=a></noscript><span>no picture left</span></figure>",
        "<figure><figure><img src=a></figure><ul><li>item</li></ul></figure>",
        "<figure><picture><source srcset=a></picture><div hidden><p>gone first</p></div></figure>",
        "<div aria-hidden=' TRUE '>aria</div><div aria-hidden=false>kept</div><div HIDDEN>hidden</div>",
        "<div aria-hidden=TRUE>a</div><div aria-hidden=True>b</div><div aria-hidden=true>c</div><p hidden=false>d</p>",
        "<div style='VISIBILITY: hidden'>v</div><div style='display:block'>kept<span style='display :none'>s</span></div>",
        "<table><tr><td>cell<button>b</button><time>today</time></td></tr></table><svg><text>t</text></svg>",
        "<div><label>l</label><select><option>o</option></select><textarea>t</textarea><p>kept</p></div>",
    };

    @Test
    void leavesExactlyWhatTheSelectorPassesLeft() {
        for (String page : PAGES) {
            Document expected = Jsoup.parse(page);
            removeBySelectors(expected.body());
            Document actual = Jsoup.parse(page);
            NonRendered.remove(actual.body());
            assertThat(actual.outerHtml()).as(page).isEqualTo(expected.outerHtml());
        }
    }

    @Test
    void aHiddenBodyLeavesTheDocumentButIsStillCleaned() {
        String page = "<body hidden><p>kept<script>x</script></p></body>";
        Document expected = Jsoup.parse(page);
        Element expectedBody = expected.body();
        removeBySelectors(expectedBody);
        Document actual = Jsoup.parse(page);
        Element actualBody = actual.body();
        NonRendered.remove(actualBody);

        assertThat(actualBody.parent()).isNull();
        assertThat(actualBody.outerHtml()).isEqualTo(expectedBody.outerHtml()).doesNotContain("script");
    }
}
