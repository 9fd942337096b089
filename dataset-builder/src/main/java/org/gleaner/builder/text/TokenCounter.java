package org.gleaner.builder.text;

/**
 * The {@code token_count} column, for now: the number of maximal runs of non-whitespace characters
 * ({@link Character#isWhitespace} plus no-break spaces). A tokenizer-specific count replaces it later.
 */
public final class TokenCounter {
    private TokenCounter() {
    }

    public static int whitespaceTokens(CharSequence text) {
        int count = 0;
        boolean inToken = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = Character.isWhitespace(c) || Character.isSpaceChar(c);
            if (!space && !inToken) {
                count++;
            }
            inToken = !space;
        }
        return count;
    }
}
