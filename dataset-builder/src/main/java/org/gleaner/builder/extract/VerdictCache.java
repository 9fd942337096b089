package org.gleaner.builder.extract;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers the verdicts of a pure function on strings, up to a bound in entries and key length. When full it
 * forgets everything and starts again: a long build over many sites keeps caching the class names of the sites
 * it is on now, at the cost of re-judging the few names repeated across that moment. Clearing instead of
 * evicting one entry keeps a lookup as cheap as a plain map's; the verdict never depends on the cache, so a
 * clear racing with a lookup costs only a repeated judgement.
 */
final class VerdictCache<V> {
    private final Map<String, V> verdicts = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final int maxKeyLength;
    private final Function<String, V> judge;

    VerdictCache(int maxEntries, int maxKeyLength, Function<String, V> judge) {
        if (maxEntries < 1 || maxKeyLength < 0) {
            throw new IllegalArgumentException("maxEntries must be positive and maxKeyLength not negative");
        }
        this.maxEntries = maxEntries;
        this.maxKeyLength = maxKeyLength;
        this.judge = judge;
    }

    V verdict(String key) {
        V known = verdicts.get(key);
        if (known != null) {
            return known;
        }
        V verdict = judge.apply(key);
        if (key.length() <= maxKeyLength) {
            if (verdicts.size() >= maxEntries) {
                verdicts.clear();
            }
            verdicts.put(key, verdict);
        }
        return verdict;
    }

    int size() {
        return verdicts.size();
    }
}
