package org.gleaner.coordinator.frontier;

/**
 * A scope pattern over normalized URLs where {@code *} matches any run of characters and everything else
 * matches itself. Matched without regular expressions (a lab's pattern cannot make matching backtrack
 * exponentially): greedy two-pointer wildcard matching, at most pattern × URL steps, both length-capped.
 */
public record UrlPattern(String pattern) {
    public static final int MAX_LENGTH = 512;

    public UrlPattern {
        if (pattern == null || pattern.isEmpty() || pattern.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a URL pattern must be 1-" + MAX_LENGTH + " characters");
        }
    }

    public boolean matches(String url) {
        int p = 0;
        int u = 0;
        int star = -1;
        int resume = 0;
        while (u < url.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == url.charAt(u)) {
                p++;
                u++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = u;
            } else if (star >= 0) {
                p = star + 1;
                u = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
