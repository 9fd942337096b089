package org.gleaner.builder.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Social handles and profile URLs. Normalized as {@code <network>:<handle>} in lower case:
 * <ul>
 *   <li>profile URLs on known sites ({@code twitter.com}/{@code x.com} as {@code twitter}, {@code github.com},
 *       {@code instagram.com}, {@code facebook.com}, {@code linkedin.com/in}, {@code tiktok.com/@},
 *       {@code threads.net/@}, {@code youtube.com/@}, {@code bsky.app/profile}, {@code reddit.com/user}),
 *       except the sites' own pages ({@code /about}, {@code /search}, ...);</li>
 *   <li>fediverse addresses {@code @user@host} and profile URLs {@code https://host/@user}, as
 *       {@code fediverse:user@host};</li>
 *   <li>bare {@code @handle} mentions (1-30 word characters, the first a letter or {@code _}), as {@code at:handle}: the
 *       network is unknown, so they are redacted unless a subject licensed exactly that form; a short list of
 *       code words ({@code @param}, {@code @Override}, {@code @media}, ...) is not taken for handles.</li>
 * </ul>
 */
public final class SocialHandleDetector implements PiiDetector {
    static final Map<String, String> NETWORKS = Map.ofEntries(
            Map.entry("twitter.com/", "twitter"), Map.entry("x.com/", "twitter"),
            Map.entry("github.com/", "github"), Map.entry("instagram.com/", "instagram"),
            Map.entry("facebook.com/", "facebook"), Map.entry("linkedin.com/in/", "linkedin"),
            Map.entry("tiktok.com/@", "tiktok"), Map.entry("threads.net/@", "threads"),
            Map.entry("youtube.com/@", "youtube"), Map.entry("bsky.app/profile/", "bluesky"),
            Map.entry("reddit.com/user/", "reddit"), Map.entry("reddit.com/u/", "reddit"));
    private static final Set<String> SITE_PAGES = Set.of("about", "home", "search", "explore", "intent", "share",
            "login", "signup", "settings", "privacy", "tos", "help", "features", "pricing", "topics", "trending",
            "notifications", "messages", "i", "hashtag", "sharer", "watch", "orgs", "marketplace", "pages", "groups",
            "events", "policies", "legal", "jobs", "status", "contact", "sponsors", "enterprise");
    /** Bare {@code @words} that are code, not people: Javadoc tags, common annotations, CSS at-rules, decorators. */
    private static final Set<String> CODE_WORDS = Set.of("param", "return", "returns", "throws", "exception", "see",
            "since", "author", "version", "link", "linkplain", "code", "literal", "value", "inheritdoc", "deprecated",
            "serial", "serialdata", "serialfield", "docroot", "apinote", "implspec", "implnote", "hidden", "index",
            "summary", "systemproperty", "override", "functionalinterface", "suppresswarnings", "safevarargs",
            "interface", "target", "retention", "documented", "inherited", "repeatable", "native", "nullable",
            "nonnull", "notnull", "test", "before", "after", "beforeeach", "aftereach", "beforeall", "afterall",
            "component", "service", "repository", "controller", "restcontroller", "autowired", "bean",
            "configuration", "entity", "table", "column", "id", "getmapping", "postmapping", "requestmapping",
            "transactional", "media", "import", "charset", "font", "keyframes", "supports", "layer", "container",
            "page", "namespace", "property", "staticmethod", "classmethod", "dataclass", "abstractmethod", "pytest",
            "fixture", "app", "route", "include", "mixin", "extend", "use", "forward", "function", "each", "if",
            "else", "foreach", "csrf", "section", "yield", "extends", "click", "input", "output", "types", "angular");
    private static final String HANDLE = "[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?";
    static final Pattern PROFILE_URL = Pattern.compile(
            "(?i)(?<![\\w.-])(?:https?://)?(?:www\\.|mobile\\.|m\\.)?("
                    + String.join("|", NETWORKS.keySet().stream().map(Pattern::quote).sorted().toList())
                    + ")([A-Za-z0-9_][A-Za-z0-9_.-]{0,63}[A-Za-z0-9_]|[A-Za-z0-9_])(?![\\w-])");
    static final Pattern FEDIVERSE_ADDRESS = Pattern.compile(
            "(?<![\\w@])@(" + HANDLE + ")@((?:[A-Za-z0-9-]+\\.)+[A-Za-z]{2,63})(?![\\w-]|\\.[A-Za-z0-9])");
    static final Pattern FEDIVERSE_URL = Pattern.compile(
            "(?i)(?<![\\w.-])https?://((?:[a-z0-9-]+\\.)+[a-z]{2,63})/@(" + HANDLE + ")(?![\\w-])");
    static final Pattern MENTION = Pattern.compile("(?<![\\w@./-])@([A-Za-z_]\\w{0,29})(?![\\w@-]|\\.\\w)");

    @Override
    public List<PiiSpan> find(String text) {
        List<PiiSpan> spans = new ArrayList<>();
        // The patterns start with lookbehinds, so they try every position: skip the ones a text cannot match.
        List<MatchResult> profiles = mayHoldProfileUrl(text)
                ? StartFilteredMatches.find(PROFILE_URL, text, SocialHandleDetector::mayStartProfileUrl)
                : List.of();
        for (MatchResult m : profiles) {
            String handle = m.group(2).toLowerCase(Locale.ROOT);
            if (!SITE_PAGES.contains(handle)) {
                String network = NETWORKS.get(m.group(1).toLowerCase(Locale.ROOT));
                spans.add(new PiiSpan(PiiKind.SOCIAL_HANDLE, m.start(), m.end(), network + ":" + handle));
            }
        }
        if (text.indexOf('@') < 0) {
            return spans; // every other form has an @
        }
        for (MatchResult m : StartFilteredMatches.find(FEDIVERSE_URL, text, SocialHandleDetector::mayStartUrl)) {
            add(spans, new PiiSpan(PiiKind.SOCIAL_HANDLE, m.start(), m.end(),
                    "fediverse:" + m.group(2).toLowerCase(Locale.ROOT) + "@" + m.group(1).toLowerCase(Locale.ROOT)));
        }
        for (MatchResult m : StartFilteredMatches.find(FEDIVERSE_ADDRESS, text, SocialHandleDetector::isAt)) {
            add(spans, new PiiSpan(PiiKind.SOCIAL_HANDLE, m.start(), m.end(),
                    "fediverse:" + m.group(1).toLowerCase(Locale.ROOT) + "@" + m.group(2).toLowerCase(Locale.ROOT)));
        }
        for (MatchResult m : StartFilteredMatches.find(MENTION, text, SocialHandleDetector::isAt)) {
            if (CODE_WORDS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                continue;
            }
            add(spans, new PiiSpan(PiiKind.SOCIAL_HANDLE, m.start(), m.end(), "at:" + m.group(1).toLowerCase(Locale.ROOT)));
        }
        spans.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return spans;
    }

    /**
     * A profile URL starts with {@code http}, {@code www.}, {@code mobile.}, {@code m.} or a network's name, in
     * any ASCII case (the patterns' {@code (?i)} folds ASCII only).
     */
    static boolean mayStartProfileUrl(String text, int i) {
        char c = text.charAt(i);
        return c < 128 && "hwmtxgiflybr".indexOf(Character.toLowerCase(c)) >= 0;
    }

    static boolean mayStartUrl(String text, int i) {
        char c = text.charAt(i);
        return c == 'h' || c == 'H';
    }

    static boolean isAt(String text, int i) {
        return text.charAt(i) == '@';
    }

    /** False when no network of {@link #NETWORKS} can occur: each of them ends in {@code .com/}, {@code .net/} or {@code .app/}. */
    static boolean mayHoldProfileUrl(String text) {
        for (int slash = text.indexOf('/'); slash >= 0; slash = text.indexOf('/', slash + 1)) {
            if (slash >= 4 && text.charAt(slash - 4) == '.' && (text.regionMatches(true, slash - 3, "com", 0, 3)
                    || text.regionMatches(true, slash - 3, "net", 0, 3)
                    || text.regionMatches(true, slash - 3, "app", 0, 3))) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code span} unless a more specific form already covers part of it. */
    private static void add(List<PiiSpan> spans, PiiSpan span) {
        if (spans.stream().noneMatch(span::overlaps)) {
            spans.add(span);
        }
    }
}
