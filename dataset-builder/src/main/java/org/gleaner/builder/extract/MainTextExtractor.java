package org.gleaner.builder.extract;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * The builder's main-text extractor: keeps an article's text and drops the page around it (menus,
 * sidebars, share buttons, related links, comments, footers). Steps: detect the charset
 * ({@link CharsetDetector}), parse with jsoup, remove what never renders and page chrome
 * ({@link BoilerplateCleaner}), find the main container by block scoring ({@link ContentLocator}), prune the
 * non-prose blocks inside it ({@link ContentPruner}), and write one line per block ({@link BlockText}). When
 * the located content is less than half the prose that a paragraph classifier finds on the whole page
 * ({@link ParagraphClassifier}, jusText's method), the scoring picked one block of many and the classifier's
 * text is used; when it is short in absolute terms and next to the cleaned, pruned page, that page is used,
 * because losing the article is worse than keeping a little chrome.
 */
public final class MainTextExtractor implements TextExtractor {
    /** Bodies above this size are refused: no real article needs it, and it bounds memory per page. */
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
    /**
     * Documents with more elements are refused: real articles stay far below it (the 990 pages of the
     * extraction evaluation have at most a few thousand), and DOM edits cost time proportional to the number of
     * siblings, so this bounds the work per page. jsoup itself caps nesting depth at 512.
     */
    public static final int MAX_ELEMENTS = 60_000;
    static final double FALLBACK_SHARE = 0.4;
    static final int FALLBACK_MIN_CHARS = 500;
    /**
     * When the located content has less than this share of the text the paragraph classifier finds, the
     * scoring picked one block of many (a product page's description without its specifications, one
     * section of a page with no article markup): the classifier's text is used. The factor is trafilatura's
     * (it takes its fallback when that is more than twice as long).
     */
    static final double SECOND_OPINION_SHARE = 0.5;

    private final int maxBodyBytes;

    public MainTextExtractor() {
        this(DEFAULT_MAX_BODY_BYTES);
    }

    public MainTextExtractor(int maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public ExtractedText extract(byte[] body, String contentType, String baseUrl) throws ExtractionException {
        if (body.length > maxBodyBytes) {
            throw new ExtractionException("body of " + body.length + " bytes exceeds the limit of "
                    + maxBodyBytes, null);
        }
        if (BinaryContent.looksBinary(body)) {
            throw new ExtractionException("body looks binary, not HTML", null);
        }
        Document doc;
        try {
            String html = CharsetDetector.decode(body, contentType);
            doc = Jsoup.parse(html, baseUrl == null ? "" : baseUrl, Parser.htmlParser());
        } catch (RuntimeException e) {
            throw new ExtractionException("cannot parse HTML: " + e.getClass().getSimpleName(), e);
        }
        int elements = countElements(doc);
        if (elements > MAX_ELEMENTS) {
            throw new ExtractionException("document has " + elements + " elements, more than the limit of "
                    + MAX_ELEMENTS, null);
        }
        String title = TitleFinder.title(doc);
        Element root = doc.body() != null ? doc.body() : doc;
        return new ExtractedText(title, mainText(root, elements));
    }

    static String mainText(Element root, int elements) {
        TextStats stats = BoilerplateCleaner.clean(root, elements);
        List<Element> inOrder = root.getAllElements(); // the located content is cut from copies: this list stays true
        ContentLocator.Located located = ContentLocator.locate(root, inOrder, stats);
        // Pruning edits the tree: prune copies of the content, so the page stays whole for the fallback.
        List<Element> content = new ArrayList<>();
        for (Element part : located.elements()) {
            Element copy = part.clone();
            ContentPruner.prune(copy, stats.forCopy(part, copy));
            content.add(copy);
        }
        List<Element> lead = LeadFinder.lead(inOrder, located.elements().get(0), stats);
        String text = TailTrimmer.trim(join(lead.isEmpty() ? content : concat(lead, content)));
        int chars = visibleChars(text);
        // The classifier's good text is part of the page's text: when even all of that could not outweigh the
        // located content, the classifier need not run.
        boolean couldBeOutweighed = chars < SECOND_OPINION_SHARE * stats.of(root).chars;
        if (couldBeOutweighed && chars < SECOND_OPINION_SHARE * ParagraphClassifier.goodChars(root)) {
            return TailTrimmer.trim(ParagraphClassifier.goodText(root));
        }
        if (chars >= FALLBACK_MIN_CHARS) {
            return text;
        }
        ContentPruner.prune(root, stats); // the page is as it was measured: only copies were pruned
        String pageText = BlockText.of(root);
        return chars < FALLBACK_SHARE * visibleChars(pageText) ? pageText : text;
    }

    private static int countElements(Document doc) {
        int count = 0;
        Deque<Element> pending = new ArrayDeque<>();
        pending.push(doc);
        while (!pending.isEmpty()) {
            Element e = pending.pop();
            count++;
            for (int i = 0, n = e.childNodeSize(); i < n; i++) {
                if (e.childNode(i) instanceof Element child) {
                    pending.push(child);
                }
            }
        }
        return count;
    }

    private static List<Element> concat(List<Element> first, List<Element> second) {
        List<Element> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String join(List<Element> content) {
        StringBuilder sb = new StringBuilder();
        for (Element e : content) {
            String part = BlockText.of(e);
            if (!part.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(part);
            }
        }
        return sb.toString();
    }

    private static int visibleChars(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if ((ch > ' ' && ch < 0x7F) || !Character.isWhitespace(ch)) {
                n++;
            }
        }
        return n;
    }
}
