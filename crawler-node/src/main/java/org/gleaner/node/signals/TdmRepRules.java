package org.gleaner.node.signals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A site's {@code /.well-known/tdmrep.json} (W3C TDMRep): an array of rules, each a {@code location} path pattern
 * ({@code *} matches any characters, a final {@code $} anchors the end, as in robots.txt), a {@code tdm-reservation}
 * of 0 or 1 and an optional {@code tdm-policy} URL. The first rule whose location matches a page applies. Parsing
 * is strict and capped: a file that is not such an array gives no rules.
 */
public final class TdmRepRules {
    public static final int MAX_BYTES = 64 * 1024;
    public static final int MAX_RULES = 500;
    public static final int MAX_FIELD = 2048;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Rule(String location, String reservation, String policy) {
    }

    private final List<Rule> rules;

    private TdmRepRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static final TdmRepRules NONE = new TdmRepRules(List.of());

    /** The rules in {@code body}, or empty if it is not a well-formed TDMRep file within the caps. */
    public static Optional<TdmRepRules> parse(byte[] body) {
        if (body.length > MAX_BYTES) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            if (root == null || !root.isArray() || root.size() > MAX_RULES) {
                return Optional.empty();
            }
            List<Rule> rules = new ArrayList<>();
            for (JsonNode node : root) {
                JsonNode location = node.get("location");
                JsonNode reservation = node.get("tdm-reservation");
                JsonNode policy = node.get("tdm-policy");
                if (location == null || !location.isString() || location.asString().length() > MAX_FIELD
                        || !location.asString().startsWith("/") && !location.asString().startsWith("*")
                        || reservation == null || !reservation.isIntegralNumber()
                        || reservation.asInt() != 0 && reservation.asInt() != 1
                        || policy != null && (!policy.isString() || policy.asString().length() > MAX_FIELD)) {
                    return Optional.empty();
                }
                rules.add(new Rule(location.asString(), Integer.toString(reservation.asInt()), policy == null ? "" : policy.asString()));
            }
            return Optional.of(new TdmRepRules(rules));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The first rule whose location matches {@code pathAndQuery}. */
    public Optional<Rule> match(String pathAndQuery) {
        for (Rule rule : rules) {
            if (matches(rule.location(), pathAndQuery)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    public int size() {
        return rules.size();
    }

    /**
     * robots.txt-style matching without regular expressions: a prefix match with {@code *} for any run of
     * characters and a final {@code $} for the end. Linear memory, O(pattern × path) time, both capped.
     */
    static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        int pi = 0;
        int si = 0;
        int star = -1;
        int mark = 0;
        while (si < path.length()) {
            if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (pi < p.length() && p.charAt(pi) == path.charAt(si)) {
                pi++;
                si++;
            } else if (pi == p.length() && !anchored) {
                return true;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
