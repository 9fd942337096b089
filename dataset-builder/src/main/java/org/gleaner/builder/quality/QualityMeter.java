package org.gleaner.builder.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Computes {@link QualitySignals} from a document's text (one line per block, as the extractor writes it). */
public final class QualityMeter {
    /** Gopher's stop words (an English-only signal; the rules apply it to English documents only). */
    private static final Set<String> STOP_WORDS = Set.of("the", "be", "to", "of", "and", "that", "have", "with");
    private static final Pattern WORDS = Pattern.compile("\\s+");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?。！？]+(\\s|$)");
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
        String[] words = text.isBlank() ? new String[0] : WORDS.split(text.strip());
        int wordCount = words.length;
        int totalChars = Math.max(1, text.length());
        int lineCount = Math.max(1, lines.size());

        long wordChars = 0;
        int alphaWords = 0;
        int stopWords = 0;
        int symbols = 0;
        for (String w : words) {
            wordChars += w.length();
            if (w.chars().anyMatch(Character::isLetter)) {
                alphaWords++;
            }
            if (STOP_WORDS.contains(w.toLowerCase(Locale.ROOT))) {
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
            String lower = line.toLowerCase(Locale.ROOT);
            if (terminal && WORDS.split(line).length >= 3 && !lower.contains("javascript")
                    && C4_POLICY.stream().noneMatch(lower::contains)) {
                c4Kept++;
            }
            if (line.length() <= 30) {
                shortLines++;
            }
        }
        Map<String, Integer> lineCounts = new HashMap<>();
        lines.forEach(l -> lineCounts.merge(l, 1, Integer::sum));
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
        for (int n = 2; n <= 4; n++) {
            v[i++] = topNgramCharRatio(words, n, wordChars);
        }
        for (int n = 5; n <= 10; n++) {
            v[i++] = duplicateNgramCharRatio(words, n, wordChars);
        }
        v[i++] = ratio(c4Kept, lineCount);
        v[i++] = lower.contains("lorem ipsum") ? 1 : 0;
        v[i++] = text.indexOf('{') >= 0 ? 1 : 0;
        v[i++] = sentences(text);
        v[i++] = ratio(punctEnds, lineCount);
        v[i++] = ratio(shortLines, lineCount);
        v[i++] = ratio(dupLineChars, totalChars);
        v[i++] = ratio(Math.max(0, lines.size() - 1), wordCount);
        return new QualitySignals(v);
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    private static int sentences(String text) {
        int n = 0;
        var m = SENTENCE_END.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }

    /**
     * Characters of the most frequent repeated word n-gram times its count, over all word characters
     * (Gopher). N-grams are compared by a 64-bit hash of their words' hashes, not as strings.
     */
    static double topNgramCharRatio(String[] words, int n, long wordChars) {
        if (words.length < n || wordChars == 0) {
            return 0;
        }
        long[] hashes = wordHashes(words);
        Map<Long, int[]> counts = new HashMap<>();
        for (int i = 0; i + n <= words.length; i++) {
            int[] entry = counts.computeIfAbsent(ngramHash(hashes, i, n), k -> new int[2]);
            if (entry[0]++ == 0) {
                for (int k = 0; k < n; k++) {
                    entry[1] += words[i + k].length();
                }
            }
        }
        long best = 0;
        for (int[] entry : counts.values()) {
            if (entry[0] > 1) {
                best = Math.max(best, (long) entry[1] * entry[0]);
            }
        }
        return Math.min(1, (double) best / wordChars);
    }

    /** Characters of words covered by any n-gram that occurs more than once, over all word characters (Gopher). */
    static double duplicateNgramCharRatio(String[] words, int n, long wordChars) {
        if (words.length < n || wordChars == 0) {
            return 0;
        }
        long[] hashes = wordHashes(words);
        Map<Long, Integer> first = new HashMap<>();
        boolean[] covered = new boolean[words.length];
        for (int i = 0; i + n <= words.length; i++) {
            Integer earlier = first.putIfAbsent(ngramHash(hashes, i, n), i);
            if (earlier != null) {
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

    private static long[] wordHashes(String[] words) {
        long[] h = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            h[i] = mix(words[i].hashCode() * 0x9E3779B97F4A7C15L + words[i].length());
        }
        return h;
    }

    private static long ngramHash(long[] hashes, int from, int n) {
        long h = n;
        for (int k = 0; k < n; k++) {
            h = mix(h * 0x9E3779B97F4A7C15L ^ hashes[from + k]);
        }
        return h;
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
