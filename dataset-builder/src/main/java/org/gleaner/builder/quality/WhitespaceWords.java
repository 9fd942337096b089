package org.gleaner.builder.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code Pattern.compile("\\s+").split(text)} without the regex engine: the words between runs of ASCII white
 * space ({@code \s} without the Unicode flag: space, tab, line feed, vertical tab, form feed, carriage return),
 * a leading empty string when the text starts with white space, no trailing empty strings. The quality signals
 * split every document and every line this way.
 */
final class WhitespaceWords {
    private static final String[] EMPTY_TEXT = {""};

    private WhitespaceWords() {}

    static String[] split(String text) {
        if (text.isEmpty()) {
            return EMPTY_TEXT.clone();
        }
        List<String> words = new ArrayList<>();
        int length = text.length();
        int start = 0;
        int i = 0;
        while (i < length) {
            if (isSpace(text.charAt(i))) {
                words.add(text.substring(start, i));
                while (i < length && isSpace(text.charAt(i))) {
                    i++;
                }
                start = i;
            } else {
                i++;
            }
        }
        if (start < length) {
            words.add(text.substring(start));
        }
        int size = words.size();
        while (size > 0 && words.get(size - 1).isEmpty()) {
            size--;
        }
        return words.subList(0, size).toArray(new String[0]);
    }

    /** How many strings {@link #split} returns, without making them. */
    static int count(String text) {
        if (text.isEmpty()) {
            return 1;
        }
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = isSpace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words == 0 ? 0 : words + (isSpace(text.charAt(0)) ? 1 : 0);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
