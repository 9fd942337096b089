package org.gleaner.builder.pii;

import java.util.Arrays;

/**
 * Per kind ({@link PiiKind} order): identifiers found, kept (licensed) and redacted in one document. In a
 * published row {@code found == kept + redacted}.
 */
public final class PiiCounts {
    public static final PiiCounts NONE = new PiiCounts(new int[PiiKind.values().length], new int[PiiKind.values().length],
            new int[PiiKind.values().length]);

    private final int[] found;
    private final int[] kept;
    private final int[] redacted;

    private PiiCounts(int[] found, int[] kept, int[] redacted) {
        this.found = found;
        this.kept = kept;
        this.redacted = redacted;
    }

    public static PiiCounts of(int[] found, int[] kept, int[] redacted) {
        int n = PiiKind.values().length;
        if (found.length != n || kept.length != n || redacted.length != n) {
            throw new IllegalArgumentException("one count per PiiKind expected");
        }
        for (int i = 0; i < n; i++) {
            if (found[i] < 0 || kept[i] < 0 || redacted[i] < 0 || kept[i] + redacted[i] > found[i]) {
                throw new IllegalArgumentException("counts must be non-negative with kept + redacted <= found");
            }
        }
        return new PiiCounts(found.clone(), kept.clone(), redacted.clone());
    }

    public int found(PiiKind kind) {
        return found[kind.ordinal()];
    }

    public int kept(PiiKind kind) {
        return kept[kind.ordinal()];
    }

    public int redacted(PiiKind kind) {
        return redacted[kind.ordinal()];
    }

    public int totalFound() {
        return Arrays.stream(found).sum();
    }

    public PiiCounts plus(PiiCounts o) {
        int n = found.length;
        int[] f = new int[n];
        int[] k = new int[n];
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            f[i] = found[i] + o.found[i];
            k[i] = kept[i] + o.kept[i];
            r[i] = redacted[i] + o.redacted[i];
        }
        return new PiiCounts(f, k, r);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PiiCounts c && Arrays.equals(found, c.found) && Arrays.equals(kept, c.kept)
                && Arrays.equals(redacted, c.redacted);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(found) + Arrays.hashCode(kept)) + Arrays.hashCode(redacted);
    }

    @Override
    public String toString() {
        return "PiiCounts[found=" + Arrays.toString(found) + ", kept=" + Arrays.toString(kept) + ", redacted="
                + Arrays.toString(redacted) + "]";
    }
}
