package org.gleaner.builder.extract;

/**
 * Drops the short lines after an article's last sentence: what follows the end of the text without being a
 * sentence itself is the page's invitation to go on ("More on this topic", "Read also:", "No comments",
 * "Share this article?"), whose links the pruning already removed. Only the tail is trimmed, and only lines
 * that are short and do not end like a sentence, so a closing sentence, a signature with a full stop or a
 * table row with data, a cited address stays.
 */
final class TailTrimmer {
    static final int MAX_TRIMMED_LINE_CHARS = 100;

    private TailTrimmer() {}

    static String trim(String text) {
        int end = text.length();
        while (end > 0) {
            int start = text.lastIndexOf('\n', end - 1) + 1;
            String line = text.substring(start, end).strip();
            if (line.isEmpty() || isChrome(line)) {
                end = Math.max(0, start - 1);
            } else {
                break;
            }
        }
        return text.substring(0, end);
    }

    private static boolean isChrome(String line) {
        if (line.length() > MAX_TRIMMED_LINE_CHARS || line.contains(" | ") || line.contains("://")) {
            return false;
        }
        int last = line.codePointBefore(line.length());
        boolean sentenceEnd = ".!\"'”“»«)]…。！".indexOf(last) >= 0 || Character.isDigit(last)
                || Character.getType(last) == Character.OTHER_SYMBOL; // an emoji closes a sentence too
        return !sentenceEnd;
    }
}
