package org.gleaner.builder.signals;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gleaner.protocol.page.SiteSignals;

/**
 * Decides whether a page's AI-use signals, as the node recorded them at fetch time, refuse the dataset's
 * purpose. Only AI-training purposes ({@code train-ai}, {@code train-genai}) are subject to them; for any
 * other purpose nothing is refused. Signals are read conservatively: any refusal wins over any permission.
 * <ul>
 *   <li>{@code X-Robots-Tag}: a {@code noai} directive, bare or for a named agent ({@code gleanerbot: noai}).
 *       {@code noimageai} concerns images only and does not refuse text.</li>
 *   <li>{@code Content-Usage}: a structured-field dictionary ({@code train-ai=n, search=y}); {@code n} for the
 *       purpose or a category containing it refuses: {@code train-ai} covers {@code train-genai}, and the
 *       early drafts' {@code ai} / {@code all} cover both.</li>
 *   <li>TDMRep {@code tdm-reservation: 1}.</li>
 *   <li>{@code robotsAiRules} ({@code agent=allow-all|partial|disallow-all; ...}): {@code disallow-all} for
 *       any agent listed. {@code partial} is not enough to refuse: the summary does not say which paths.</li>
 * </ul>
 */
public final class SiteSignalPolicy {
    public static final Set<String> AI_TRAINING_PURPOSES = Set.of("train-ai", "train-genai");
    private static final Map<String, List<String>> CONTENT_USAGE_KEYS = Map.of(
            "train-ai", List.of("train-ai", "ai", "all", "tdm"),
            "train-genai", List.of("train-genai", "train-ai", "ai", "all", "tdm"));

    private final String purpose;

    public SiteSignalPolicy(String purpose) {
        this.purpose = purpose;
    }

    public Optional<AiUseRefusal> refusal(SiteSignals signals) {
        if (!AI_TRAINING_PURPOSES.contains(purpose)) {
            return Optional.empty();
        }
        if (xRobotsNoAi(signals.xRobotsTag())) {
            return Optional.of(AiUseRefusal.X_ROBOTS_NOAI);
        }
        if (contentUsageRefuses(signals.contentUsage())) {
            return Optional.of(AiUseRefusal.CONTENT_USAGE);
        }
        if (signals.tdmReservation().trim().equals("1")) {
            return Optional.of(AiUseRefusal.TDM_RESERVATION);
        }
        if (robotsDisallowAll(signals.robotsAiRules())) {
            return Optional.of(AiUseRefusal.ROBOTS_AI_AGENT);
        }
        return Optional.empty();
    }

    /** Directives are comma-separated; an agent prefix ({@code agent: d1, d2}) does not change the verdict. */
    static boolean xRobotsNoAi(String header) {
        for (String part : header.toLowerCase(Locale.ROOT).split("[,\\n]")) {
            String directive = part.trim();
            int colon = directive.indexOf(':');
            if (colon >= 0) {
                directive = directive.substring(colon + 1).trim();
            }
            if (directive.equals("noai")) {
                return true;
            }
        }
        return false;
    }

    boolean contentUsageRefuses(String header) {
        List<String> keys = CONTENT_USAGE_KEYS.get(purpose);
        for (String member : header.toLowerCase(Locale.ROOT).split(",")) {
            String item = member.trim();
            int params = item.indexOf(';');
            if (params >= 0) {
                item = item.substring(0, params).trim();
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (keys.contains(key) && value.equals("n")) {
                return true;
            }
        }
        return false;
    }

    static boolean robotsDisallowAll(String rules) {
        for (String part : rules.toLowerCase(Locale.ROOT).split(";")) {
            int eq = part.indexOf('=');
            if (eq >= 0 && part.substring(eq + 1).trim().equals("disallow-all")) {
                return true;
            }
        }
        return false;
    }
}
