package org.gleaner.builder.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * What an element's class, id and role attributes suggest about it: content ({@code article}, {@code
 * entry-content}, ...) or boilerplate ({@code sidebar}, {@code share}, {@code comments}, ...). The word
 * lists are the usual ones of main-text extractors (Readability, trafilatura, boilerpipe), not tuned to any
 * evaluation set.
 *
 * <p>Each class or id token is judged as a whole first, then by its last hyphen- or underscore-separated
 * part, which in compound names is the head noun: {@code entry-meta} is metadata, {@code post-content} is
 * content, {@code comments-open} (WordPress marks articles so) is neither; a few words mark chrome even as
 * the first part ({@code nav-content-news}).
 */
final class ClassHints {
    enum Hint { POSITIVE, NEGATIVE, NEUTRAL }

    private static final Set<String> NEGATIVE = Set.of(
            "nav", "navbar", "navigation", "menu", "menus", "submenu", "breadcrumb", "breadcrumbs",
            "sidebar", "aside", "widget", "widgets", "footer", "masthead", "banner", "cookie",
            "cookies", "consent", "gdpr", "popup", "modal", "overlay", "share", "shares", "sharing", "social",
            "sociable", "shariff", "addthis", "sharedaddy", "sharebar", "comment", "comments", "commentlist",
            "disqus", "respond", "replies", "related", "relatedposts", "recommended", "recommendations",
            "stories", "readmore", "teaser", "teasers", "ad", "ads", "advert", "advertisement", "adsbygoogle",
            "sponsor", "sponsored", "promo", "promotion", "newsletter", "subscribe", "subscription", "signup",
            "login", "pagination", "pager", "paging", "tags", "taglist", "tagcloud", "categories", "byline",
            "authorbox", "postmeta", "rss", "toolbar", "skip", "outbrain", "taboola", "wpcnt", "topbar",
            "copyright", "imprint", "dateline", "timestamp", "feedback", "rating", "ratings");
    /** Words that mark chrome only as a whole class name: as the tail of a compound they are too common
     * ({@code recipe-meta}, {@code recipe-header} hold an article's lead). */
    private static final Set<String> NEGATIVE_WHOLE = Set.of(
            "header", "head", "meta", "metadata", "info", "date", "author", "caption", "credit", "credits",
            "links", "links-list", "tools", "lang", "language", "search", "hidden", "hide", "legal", "print",
            "bio", "jp-relatedposts", "comment-list", "comment-form", "more-stories", "read-more",
            "share-buttons", "post-meta", "entry-meta", "author-bio", "author-box", "site-header",
            "site-footer", "top-bar", "sr-only", "visually-hidden", "screen-reader-text", "skip-link");
    private static final Set<String> POSITIVE = Set.of(
            "article", "articlebody", "article-body", "article-content", "article-text", "body", "content",
            "entry", "entry-content", "main", "main-content", "post", "post-body", "post-content", "postbody",
            "post-text", "text", "story", "story-body", "blog", "hentry", "page-content", "prose", "rich-text",
            "richtext", "markdown-body", "single", "bodytext", "maincontent", "contenido", "inhalt", "artikel");
    /** Compound names that start with these are chrome whatever follows ({@code nav-content-news}). */
    private static final Set<String> NEGATIVE_PREFIXES = Set.of(
            "nav", "navbar", "navigation", "menu", "footer", "sidebar", "breadcrumb", "breadcrumbs", "cookie",
            "share", "sharing", "social", "related", "newsletter", "banner", "widget", "masthead", "skip");
    /**
     * Words that name chrome on most sites but an article's own parts on many others: an article's
     * {@code header} holds its lead, a {@code teaser} paragraph is the lead of the article it opens, page
     * builders call every text block a {@code widget}. An element negative only through these is removed only
     * when it does not read as prose ({@link #isOnlyWeaklyNegative}).
     */
    private static final Set<String> WEAK_NEGATIVE = Set.of("header", "teaser", "widget");
    private static final Set<String> NEGATIVE_ROLES = Set.of(
            "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search", "dialog",
            "alert", "alertdialog");

    private ClassHints() {}

    static Hint of(Element e) {
        if (e.attributesSize() == 0) {
            return Hint.NEUTRAL; // most elements: no class, id or role to read
        }
        String role = e.attr("role").toLowerCase(Locale.ROOT);
        if (NEGATIVE_ROLES.contains(role)) {
            return Hint.NEGATIVE;
        }
        if (role.equals("main") || e.attr("itemprop").equalsIgnoreCase("articleBody")) {
            return Hint.POSITIVE;
        }
        int verdicts = verdicts(e);
        boolean positive = (verdicts & POSITIVE_SEEN) != 0;
        boolean negative = (verdicts & NEGATIVE_SEEN) != 0;
        if (positive == negative) {
            return Hint.NEUTRAL;
        }
        return positive ? Hint.POSITIVE : Hint.NEGATIVE;
    }

    /** Strong signs that an element is the article itself, where widening to the page around it must stop. */
    static boolean isArticle(Element e) {
        if (e.nameIs("article")) {
            return true;
        }
        if (e.attributesSize() == 0) {
            return false;
        }
        if (e.attr("itemprop").equalsIgnoreCase("articleBody")) {
            return true;
        }
        for (String token : tokens(e)) {
            if (ARTICLE_TOKENS.contains(token.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> ARTICLE_TOKENS = Set.of("hentry", "entry-content", "post-content",
            "article-body", "article-content", "articlebody", "story-body", "post-body", "storycontent",
            "article__body", "article-text", "post-entry", "blog-post");

    /**
     * True when the element's boilerplate hint comes only from {@link #WEAK_NEGATIVE} words (or it is a
     * {@code header} element with no other hint), so that prose inside it must decide.
     */
    static boolean isOnlyWeaklyNegative(Element e) {
        if (e.attributesSize() == 0) {
            return e.nameIs("header");
        }
        if (NEGATIVE_ROLES.contains(e.attr("role").toLowerCase(Locale.ROOT))) {
            return false;
        }
        boolean weak = e.nameIs("header");
        for (String token : tokens(e)) {
            if (ofToken(token) == Hint.NEGATIVE) {
                if (!isWeakToken(token)) {
                    return false;
                }
                weak = true;
            }
        }
        return weak;
    }

    private static boolean isWeakToken(String raw) {
        String token = withoutModifier(raw.toLowerCase(Locale.ROOT));
        if (WEAK_NEGATIVE.contains(token)) {
            return true;
        }
        if (NEGATIVE.contains(token) || NEGATIVE_WHOLE.contains(token)) {
            return false;
        }
        int cut = Math.max(token.lastIndexOf('-'), token.lastIndexOf('_'));
        return cut >= 0 && WEAK_NEGATIVE.contains(token.substring(cut + 1));
    }

    private static String withoutModifier(String token) {
        int modifier = token.indexOf("--");
        return modifier > 0 ? token.substring(0, modifier) : token; // a BEM modifier (section--has-ads) says how, not what
    }

    static boolean isNegative(Element e) {
        return of(e) == Hint.NEGATIVE;
    }

    static boolean isPositive(Element e) {
        return of(e) == Hint.POSITIVE;
    }

    /** Readability's class weight: +25 for a content hint, -25 for a boilerplate hint. */
    static int weight(Element e) {
        return weight(of(e));
    }

    static int weight(Hint hint) {
        return switch (hint) {
            case POSITIVE -> 25;
            case NEGATIVE -> -25;
            case NEUTRAL -> 0;
        };
    }

    /**
     * Verdicts on tokens already seen: sites repeat their class names on every page and every element. Bounded
     * in entries and token length, so a page full of random class names cannot grow it without limit; when
     * full it starts afresh, so a long build over many sites keeps caching the names of the current ones.
     */
    static final int MAX_REMEMBERED_TOKENS = 50_000;
    static final int MAX_REMEMBERED_TOKEN_LENGTH = 64;
    private static final VerdictCache<Hint> TOKEN_VERDICTS =
            new VerdictCache<>(MAX_REMEMBERED_TOKENS, MAX_REMEMBERED_TOKEN_LENGTH, ClassHints::judge);

    static Hint ofToken(String raw) {
        return TOKEN_VERDICTS.verdict(raw);
    }

    private static Hint judge(String raw) {
        String token = withoutModifier(raw.toLowerCase(Locale.ROOT));
        if (NEGATIVE.contains(token) || NEGATIVE_WHOLE.contains(token)) {
            return Hint.NEGATIVE;
        }
        if (POSITIVE.contains(token)) {
            return Hint.POSITIVE;
        }
        int cut = Math.max(token.lastIndexOf('-'), token.lastIndexOf('_'));
        if (cut >= 0 && cut < token.length() - 1) {
            String head = token.substring(cut + 1);
            if (NEGATIVE.contains(head)) {
                return Hint.NEGATIVE;
            }
            if (POSITIVE.contains(head)) {
                return Hint.POSITIVE;
            }
            int first = token.indexOf('-') > 0 ? token.indexOf('-') : token.indexOf('_');
            if (first > 0 && NEGATIVE_PREFIXES.contains(token.substring(0, first))) {
                return Hint.NEGATIVE;
            }
        }
        return Hint.NEUTRAL;
    }

    private static final int POSITIVE_SEEN = 1;
    private static final int NEGATIVE_SEEN = 2;
    /**
     * Verdicts of whole class attributes already seen (which of {@link #POSITIVE_SEEN}, {@link #NEGATIVE_SEEN}
     * their tokens gave): a site's pages repeat the same few class attributes. Bounded as
     * {@link #TOKEN_VERDICTS} is.
     */
    static final int MAX_REMEMBERED_CLASS_LENGTH = 256;
    private static final VerdictCache<Integer> CLASS_VERDICTS = new VerdictCache<>(
            MAX_REMEMBERED_TOKENS, MAX_REMEMBERED_CLASS_LENGTH, className -> verdictsOf(split(className)));

    /** Which verdicts the element's class and id tokens give, together. */
    private static int verdicts(Element e) {
        String className = e.className();
        String id = e.id();
        if (!isPlainAscii(className) || !isPlainAscii(id)) {
            // Other white space is stripped at the ends of "class id" before it is split: keep that exact reading.
            return verdictsOf(tokens(e));
        }
        return classVerdicts(className) | verdictsOf(split(id));
    }

    private static int classVerdicts(String className) {
        return className.isEmpty() ? 0 : CLASS_VERDICTS.verdict(className);
    }

    private static int verdictsOf(String[] tokens) {
        int verdicts = 0;
        for (String token : tokens) {
            Hint h = ofToken(token);
            verdicts |= h == Hint.POSITIVE ? POSITIVE_SEEN : h == Hint.NEGATIVE ? NEGATIVE_SEEN : 0;
        }
        return verdicts;
    }

    /** Printable ASCII and ASCII white space only: then splitting class and id apart reads the same tokens. */
    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c > ' ' && c < 0x7F) && !isAsciiWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private static final String[] NO_TOKENS = new String[0];

    /** The class and id tokens, split on ASCII white space as the class attribute is (no regex: it runs per element). */
    private static String[] tokens(Element e) {
        String className = e.className();
        String id = e.id();
        if (className.isEmpty() && id.isEmpty()) {
            return NO_TOKENS;
        }
        return split((className + " " + id).strip());
    }

    private static String[] split(String all) {
        if (all.isEmpty()) {
            return NO_TOKENS;
        }
        List<String> tokens = new ArrayList<>(4);
        int start = -1;
        for (int i = 0; i <= all.length(); i++) {
            boolean separator = i == all.length() || isAsciiWhitespace(all.charAt(i));
            if (separator && start >= 0) {
                tokens.add(all.substring(start, i));
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return tokens.toArray(NO_TOKENS);
    }

    private static boolean isAsciiWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
