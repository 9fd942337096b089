package org.gleaner.protocol.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An append-only sequence of 32-byte hashes in fixed-size chunks: no per-hash objects and no large
 * copies. The first chunk starts small and doubles, so that a small tree costs little memory.
 */
final class HashStore {
    private static final int CHUNK_SHIFT = 14;
    private static final int CHUNK_HASHES = 1 << CHUNK_SHIFT;
    private static final int FIRST_CAPACITY = 16;

    private final List<byte[]> chunks = new ArrayList<>();
    private long size;

    long size() {
        return size;
    }

    void add(byte[] hash) {
        int offset = (int) (size & (CHUNK_HASHES - 1));
        if (offset == 0) {
            chunks.add(new byte[(chunks.isEmpty() ? FIRST_CAPACITY : CHUNK_HASHES) * MerkleHash.SIZE]);
        }
        int last = chunks.size() - 1;
        byte[] chunk = chunks.get(last);
        if (offset * MerkleHash.SIZE == chunk.length) {
            chunk = Arrays.copyOf(chunk, chunk.length * 2);
            chunks.set(last, chunk);
        }
        System.arraycopy(hash, 0, chunk, offset * MerkleHash.SIZE, MerkleHash.SIZE);
        size++;
    }

    byte[] get(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("hash " + index + " of " + size);
        }
        byte[] chunk = chunks.get((int) (index >>> CHUNK_SHIFT));
        int from = (int) (index & (CHUNK_HASHES - 1)) * MerkleHash.SIZE;
        return Arrays.copyOfRange(chunk, from, from + MerkleHash.SIZE);
    }
}
