package org.gleaner.builder.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * All detectors over one text, overlaps resolved: the span that starts first wins, and of two starting at
 * the same place the longer (so {@code @ada@social.example} is one handle, not a handle plus an e-mail).
 */
public final class PiiScanner {
    private final List<PiiDetector> detectors;

    public PiiScanner(List<PiiDetector> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    /** E-mail, phone (in {@code phoneRegion}), IP address and social-handle detectors. */
    public static PiiScanner standard(String phoneRegion) {
        return new PiiScanner(List.of(new SocialHandleDetector(), new EmailDetector(), new PhoneDetector(phoneRegion),
                new IpAddressDetector()));
    }

    public List<PiiSpan> scan(String text) {
        List<PiiSpan> all = new ArrayList<>();
        for (PiiDetector d : detectors) {
            all.addAll(d.find(text));
        }
        all.sort(Comparator.comparingInt(PiiSpan::start).thenComparing(s -> -(s.end() - s.start())));
        List<PiiSpan> kept = new ArrayList<>();
        for (PiiSpan s : all) {
            if (kept.isEmpty() || kept.get(kept.size() - 1).end() <= s.start()) {
                kept.add(s);
            }
        }
        return kept;
    }
}
