package org.gleaner.builder.quality;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How many documents failed each rule (e.g. {@code min:word_count}); thread-safe. */
public final class QualityTally {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void count(List<String> failedRules) {
        for (String rule : failedRules) {
            counts.computeIfAbsent(rule, r -> new LongAdder()).increment();
        }
    }

    /** The counts so far, by rule name in sorted order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((rule, n) -> out.put(rule, n.sum()));
        return out;
    }
}
