package org.gleaner.builder.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern's matches, found by trying it only at the positions where a match can start. Patterns that begin
 * with a lookbehind make {@link Matcher#find()} attempt a match at every position of the text, which costs
 * more than the matching itself on long texts; a cheap test of the character at each position skips most of
 * them. Each candidate is tried with {@link Matcher#lookingAt()} on a region starting there, with transparent
 * bounds so lookbehinds and lookaheads see the whole text: as long as {@code mayStart} accepts every position
 * where a match can start, the matches are exactly those of {@code find()}, in the same order.
 */
final class StartFilteredMatches {

    /** Whether a match can start at {@code index} of {@code text}: must be true wherever one can. */
    @FunctionalInterface
    interface MayStart {
        boolean at(String text, int index);
    }

    private StartFilteredMatches() {}

    static List<MatchResult> find(Pattern pattern, String text, MayStart mayStart) {
        List<MatchResult> matches = new ArrayList<>();
        Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int length = text.length();
        int at = 0;
        while (at < length) {
            if (mayStart.at(text, at)) {
                m.region(at, length);
                if (m.lookingAt()) {
                    matches.add(m.toMatchResult());
                    at = m.end() > at ? m.end() : at + 1;
                    continue;
                }
            }
            at++;
        }
        return matches;
    }
}
