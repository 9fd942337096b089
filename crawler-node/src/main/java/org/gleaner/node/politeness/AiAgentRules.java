package org.gleaner.node.politeness;

import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gleaner.protocol.codec.FieldSizes;

/**
 * Summarises what a robots.txt tells AI crawlers, for the dataset builder's policy: for our own agent and
 * every well-known AI agent that the file names in a {@code User-agent} line, whether it may fetch all,
 * nothing or part of the site, e.g. {@code gleanerbot=allow-all; gptbot=disallow-all; ccbot=partial}.
 */
final class AiAgentRules {
    static final List<String> AI_AGENTS = List.of("gptbot", "chatgpt-user", "oai-searchbot", "ccbot", "google-extended",
            "claudebot", "anthropic-ai", "claude-web", "applebot-extended", "bytespider", "perplexitybot",
            "meta-externalagent", "cohere-ai", "amazonbot", "diffbot", "ai2bot", "omgilibot", "timpibot");
    private static final Set<String> ROOT = Set.of("/", "/*", "*");
    private static final Pattern USER_AGENT_LINE = Pattern.compile("(?im)^\\s*user-agent\\s*:\\s*([^#\\r\\n]+)");

    private AiAgentRules() {
    }

    static String summarise(String url, byte[] robotsTxt, String contentType, String ownAgent) {
        Set<String> named = namedAgents(robotsTxt);
        List<String> parts = new ArrayList<>();
        parts.add(ownAgent + "=" + verdict(url, robotsTxt, contentType, ownAgent));
        for (String agent : AI_AGENTS) {
            if (named.contains(agent)) {
                parts.add(agent + "=" + verdict(url, robotsTxt, contentType, agent));
            }
        }
        String summary = String.join("; ", parts);
        return summary.getBytes(StandardCharsets.UTF_8).length <= FieldSizes.SIGNAL ? summary : summary.substring(0, FieldSizes.SIGNAL / 2);
    }

    private static Set<String> namedAgents(byte[] robotsTxt) {
        Set<String> named = new TreeSet<>();
        Matcher m = USER_AGENT_LINE.matcher(new String(robotsTxt, StandardCharsets.UTF_8));
        while (m.find() && named.size() < 1000) {
            named.add(m.group(1).trim().toLowerCase(Locale.ROOT));
        }
        return named;
    }

    private static String verdict(String url, byte[] robotsTxt, String contentType, String agent) {
        SimpleRobotRules rules = new SimpleRobotRulesParser().parseContent(url, robotsTxt, contentType, List.of(agent));
        if (rules.isAllowAll()) {
            return "allow-all";
        }
        if (rules.isAllowNone()) {
            return "disallow-all";
        }
        // The parser keeps rules as prefixes; classify them the way a reader of the file would.
        List<SimpleRobotRules.RobotRule> list = rules.getRobotRules();
        boolean anyDisallow = list.stream().anyMatch(r -> !r.isAllow() && !r.getPrefix().isEmpty());
        boolean disallowRoot = list.stream().anyMatch(r -> !r.isAllow() && ROOT.contains(r.getPrefix()));
        boolean anyAllow = list.stream().anyMatch(r -> r.isAllow() && !ROOT.contains(r.getPrefix()) && !r.getPrefix().isEmpty());
        if (!anyDisallow) {
            return "allow-all";
        }
        return disallowRoot && !anyAllow && list.stream().noneMatch(r -> r.isAllow() && ROOT.contains(r.getPrefix()))
                ? "disallow-all" : "partial";
    }
}
