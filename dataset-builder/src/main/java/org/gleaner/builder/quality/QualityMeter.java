package org.gleaner.builder.quality;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Computes {@link QualitySignals} from a document's text (one line per block, as the extractor writes it). */
public final class QualityMeter {
    /** Gopher's stop words (an English-only signal; the rules apply it to English documents only). */
    private static final Set<String> STOP_WORDS = Set.of("the", "be", "to", "of", "and", "that", "have", "with");
    private static final int MAX_STOP_WORD_LENGTH = 4;
    private static final Set<Character> TERMINAL = Set.of('.', '!', '?', '"', '\'', '”', '’', '。', '！', '？', '…');
    private static final List<String> C4_POLICY = List.of("terms of use", "privacy policy", "cookie policy",
            "uses cookies", "use of cookies", "use cookies");

    private QualityMeter() {}

    public static QualitySignals measure(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        String[] words = text.isBlank() ? new String[0] : WhitespaceWords.split(text.strip());
        long[] hashes = wordHashes(words);
        int wordCount = words.length;
        int totalChars = Math.max(1, text.length());
        int lineCount = Math.max(1, lines.size());

        long wordChars = 0;
        int alphaWords = 0;
        int stopWords = 0;
        int symbols = 0;
        for (String w : words) {
            wordChars += w.length();
            if (hasLetter(w)) {
                alphaWords++;
            }
            // Lower-casing never shortens a string, so only short words can be stop words.
            if (w.length() <= MAX_STOP_WORD_LENGTH && STOP_WORDS.contains(w.toLowerCase(Locale.ROOT))) {
                stopWords++;
            }
            if (w.contains("#")) {
                symbols++;
            }
            if (w.contains("...") || w.contains("…")) {
                symbols++;
            }
        }
        int bullets = 0;
        int ellipsisEnds = 0;
        int c4Kept = 0;
        int punctEnds = 0;
        int shortLines = 0;
        for (String line : lines) {
            char first = line.charAt(0);
            if (first == '•' || first == '-' || first == '*' || first == '–' || first == '·' || first == '‣') {
                bullets++;
            }
            if (line.endsWith("...") || line.endsWith("…")) {
                ellipsisEnds++;
            }
            boolean terminal = TERMINAL.contains(line.charAt(line.length() - 1));
            if (terminal) {
                punctEnds++;
            }
            if (terminal && WhitespaceWords.count(line) >= 3) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (!lower.contains("javascript") && C4_POLICY.stream().noneMatch(lower::contains)) {
                    c4Kept++;
                }
            }
            if (line.length() <= 30) {
                shortLines++;
            }
        }
        int dupLines = 0;
        long dupLineChars = 0;
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            if (!seen.add(line)) {
                dupLines++;
                dupLineChars += line.length();
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        double[] v = new double[QualitySignals.NAMES.size()];
        int i = 0;
        v[i++] = wordCount;
        v[i++] = wordCount == 0 ? 0 : (double) wordChars / wordCount;
        v[i++] = ratio(symbols, wordCount);
        v[i++] = ratio(bullets, lineCount);
        v[i++] = ratio(ellipsisEnds, lineCount);
        v[i++] = ratio(alphaWords, wordCount);
        v[i++] = stopWords;
        v[i++] = ratio(dupLines, lineCount);
        v[i++] = ratio(dupLineChars, totalChars);
        // ngram[k] is the hash of the n-gram starting at word k, extended by one word per round.
        long[] ngram = hashes.clone();
        // One index for the nine rounds, emptied before each, instead of a new one per round.
        LongIndex firstAt = new LongIndex(words.length);
        for (int n = 2; n <= 10; n++) {
            extend(ngram, hashes, n);
            firstAt.clear();
            v[i++] = n <= 4 ? topNgramCharRatio(words, ngram, n, wordChars, firstAt)
                    : duplicateNgramCharRatio(words, ngram, n, wordChars, firstAt);
        }
        v[i++] = ratio(c4Kept, lineCount);
        v[i++] = lower.contains("lorem ipsum") ? 1 : 0;
        v[i++] = text.indexOf('{') >= 0 ? 1 : 0;
        v[i++] = SentenceEnds.count(text);
        v[i++] = ratio(punctEnds, lineCount);
        v[i++] = ratio(shortLines, lineCount);
        v[i++] = ratio(dupLineChars, totalChars);
        v[i++] = ratio(Math.max(0, lines.size() - 1), wordCount);
        return new QualitySignals(v);
    }

    private static boolean hasLetter(String w) {
        for (int k = 0; k < w.length(); k++) {
            if (Character.isLetter(w.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    /**
     * Characters of the most frequent repeated word n-gram times its count, over all word characters
     * (Gopher). N-grams are compared by a 64-bit hash of their words' hashes, not as strings.
     *
     * @param ngram the hash of the n-gram starting at each word (the first {@code words.length - n + 1} count)
     * @param firstAt an empty index with room for every n-gram
     */
    static double topNgramCharRatio(String[] words, long[] ngram, int n, long wordChars, LongIndex firstAt) {
        int grams = words.length - n + 1;
        if (grams <= 0 || wordChars == 0) {
            return 0;
        }
        int[] count = new int[grams];
        long best = 0;
        for (int i = 0; i < grams; i++) {
            int first = firstAt.putIfAbsent(ngram[i], i);
            int at = first < 0 ? i : first;
            if (++count[at] > 1) {
                long chars = 0;
                for (int k = 0; k < n; k++) {
                    chars += words[at + k].length();
                }
                best = Math.max(best, chars * count[at]);
            }
        }
        return Math.min(1, (double) best / wordChars);
    }

    /** Characters of words covered by any n-gram that occurs more than once, over all word characters (Gopher). */
    static double duplicateNgramCharRatio(String[] words, long[] ngram, int n, long wordChars, LongIndex firstAt) {
        int grams = words.length - n + 1;
        if (grams <= 0 || wordChars == 0) {
            return 0;
        }
        boolean[] covered = new boolean[words.length];
        for (int i = 0; i < grams; i++) {
            int earlier = firstAt.putIfAbsent(ngram[i], i);
            if (earlier >= 0) {
                for (int k = 0; k < n; k++) {
                    covered[earlier + k] = true;
                    covered[i + k] = true;
                }
            }
        }
        long chars = 0;
        for (int i = 0; i < words.length; i++) {
            if (covered[i]) {
                chars += words[i].length();
            }
        }
        return (double) chars / wordChars;
    }

    static long[] wordHashes(String[] words) {
        long[] h = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            h[i] = mix(words[i].hashCode() * 0x9E3779B97F4A7C15L + words[i].length());
        }
        return h;
    }

    /** Turns the (n-1)-gram hashes into n-gram hashes in place, by mixing in each gram's next word. */
    static void extend(long[] ngram, long[] wordHashes, int n) {
        for (int i = 0; i + n <= wordHashes.length; i++) {
            ngram[i] = mix(ngram[i] * 0x9E3779B97F4A7C15L ^ wordHashes[i + n - 1]);
        }
    }

    /** An open-addressing map from 64-bit hashes to the first position they were seen at, without boxing. */
    static final class LongIndex {
        private final long[] keys;
        private final int[] positions; // position + 1; 0 marks an empty slot
        private final int mask;

        LongIndex(int expected) {
            int capacity = Integer.highestOneBit(Math.max(2, expected) * 2 - 1) << 1;
            keys = new long[capacity];
            positions = new int[capacity];
            mask = capacity - 1;
        }

        void clear() {
            java.util.Arrays.fill(positions, 0);
        }

        /** The position stored for {@code key}, or -1 after storing {@code position} for it. */
        int putIfAbsent(long key, int position) {
            int slot = (int) (key ^ (key >>> 32)) & mask;
            while (positions[slot] != 0) {
                if (keys[slot] == key) {
                    return positions[slot] - 1;
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            positions[slot] = position + 1;
            return -1;
        }
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
