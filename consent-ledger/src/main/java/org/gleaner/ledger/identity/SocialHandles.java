package org.gleaner.ledger.identity;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Social handles in the dataset builder's canonical form, {@code <network>:<handle>} in lower case
 * ({@code github:ada}, {@code fediverse:ada@social.example}; a bare mention of unknown network is
 * {@code at:ada}), from what a subject types: that form, a profile URL on a known site, or a fediverse
 * address. Each handle of a known network has one profile URL, where its owner can publish a token.
 */
public final class SocialHandles {
    /** Network, its profile URL prefix (the handle follows), and the hosts whose profile URLs are accepted. */
    private record Network(String profilePrefix, String pathPrefix, String... hosts) {
    }

    private static final Map<String, Network> NETWORKS = Map.ofEntries(
            Map.entry("twitter", new Network("https://x.com/", "/", "x.com", "twitter.com")),
            Map.entry("github", new Network("https://github.com/", "/", "github.com")),
            Map.entry("instagram", new Network("https://www.instagram.com/", "/", "instagram.com")),
            Map.entry("facebook", new Network("https://www.facebook.com/", "/", "facebook.com")),
            Map.entry("linkedin", new Network("https://www.linkedin.com/in/", "/in/", "linkedin.com")),
            Map.entry("tiktok", new Network("https://www.tiktok.com/@", "/@", "tiktok.com")),
            Map.entry("threads", new Network("https://www.threads.net/@", "/@", "threads.net")),
            Map.entry("youtube", new Network("https://www.youtube.com/@", "/@", "youtube.com")),
            Map.entry("bluesky", new Network("https://bsky.app/profile/", "/profile/", "bsky.app")),
            Map.entry("reddit", new Network("https://www.reddit.com/user/", "/user/", "reddit.com")));
    private static final Pattern HANDLE = Pattern.compile("[a-z0-9_](?:[a-z0-9_.-]{0,62}[a-z0-9_])?");
    private static final Pattern MENTION = Pattern.compile("[a-z_]\\w{0,29}");
    private static final Pattern FEDIVERSE = Pattern.compile("@?(" + HANDLE.pattern() + ")@([a-z0-9.-]+)");

    private SocialHandles() {
    }

    static String normalize(String raw) throws InvalidIdentifierException {
        String text = raw.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("https://") || text.startsWith("http://")) {
            return fromUrl(text);
        }
        Matcher fediverse = FEDIVERSE.matcher(text.startsWith("fediverse:") ? text.substring("fediverse:".length()) : text);
        if (fediverse.matches()) {
            return "fediverse:" + fediverse.group(1) + "@" + IdentifierNormalizer.domain(fediverse.group(2));
        }
        int colon = text.indexOf(':');
        if (colon > 0) {
            String network = text.substring(0, colon);
            String handle = text.substring(colon + 1);
            if (network.equals("at") && MENTION.matcher(handle).matches()) {
                return text;
            }
            if (NETWORKS.containsKey(network) && HANDLE.matcher(handle).matches()) {
                return network + ":" + handle;
            }
        }
        throw new InvalidIdentifierException("a social handle is network:handle (networks: " + String.join(", ",
                NETWORKS.keySet().stream().sorted().toList()) + "), a profile URL on one of them, or @user@host");
    }

    private static String fromUrl(String url) throws InvalidIdentifierException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidIdentifierException("the profile URL does not parse");
        }
        if (uri.getHost() == null || uri.getRawPath() == null || uri.getRawQuery() != null) {
            throw new InvalidIdentifierException("a profile URL is https://host/path with no query");
        }
        String host = uri.getHost().replaceFirst("^(www|mobile|m)\\.", "");
        String path = uri.getRawPath().endsWith("/") && uri.getRawPath().length() > 1
                ? uri.getRawPath().substring(0, uri.getRawPath().length() - 1) : uri.getRawPath();
        for (Map.Entry<String, Network> network : NETWORKS.entrySet()) {
            for (String known : network.getValue().hosts()) {
                String prefix = network.getValue().pathPrefix();
                if (host.equals(known) && path.startsWith(prefix) && HANDLE.matcher(path.substring(prefix.length())).matches()) {
                    return network.getKey() + ":" + path.substring(prefix.length());
                }
            }
        }
        if (path.startsWith("/@") && HANDLE.matcher(path.substring(2)).matches()) {
            return "fediverse:" + path.substring(2) + "@" + IdentifierNormalizer.domain(host);
        }
        throw new InvalidIdentifierException("not a profile URL on a known network or a fediverse server");
    }

    /** Where the owner of a normalized handle can publish a token; {@code null} when its network is unknown. */
    public static URI profileUrl(String normalized) {
        int colon = normalized.indexOf(':');
        String network = normalized.substring(0, colon);
        String handle = normalized.substring(colon + 1);
        if (network.equals("fediverse")) {
            int at = handle.indexOf('@');
            return URI.create("https://" + handle.substring(at + 1) + "/@" + handle.substring(0, at));
        }
        Network known = NETWORKS.get(network);
        return known == null ? null : URI.create(known.profilePrefix() + handle);
    }
}
