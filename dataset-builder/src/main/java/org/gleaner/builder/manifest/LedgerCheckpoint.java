package org.gleaner.builder.manifest;

import java.util.regex.Pattern;

/**
 * The consent ledger checkpoint a build's consent decisions are "as of": the ledger's origin line, its tree size
 * and its root hash (lowercase hex). A reader re-checks a row's consent against this exact ledger state.
 */
public record LedgerCheckpoint(String origin, long treeSize, String rootHash) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public LedgerCheckpoint {
        if (origin == null || origin.isBlank() || origin.length() > 256 || origin.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("origin must be 1 to 256 printable characters");
        }
        if (treeSize < 0) {
            throw new IllegalArgumentException("treeSize must not be negative");
        }
        if (rootHash == null || !HASH.matcher(rootHash).matches()) {
            throw new IllegalArgumentException("rootHash must be 64 lowercase hex digits");
        }
    }
}
