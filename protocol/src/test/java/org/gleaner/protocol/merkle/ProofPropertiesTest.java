package org.gleaner.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For tree sizes up to 300 (edge cases plus seeded random ones): every generated proof verifies, and
 * flipping one bit anywhere in the proof, the leaf or a root makes it fail.
 */
class ProofPropertiesTest {
    private static final int MAX_SIZE = 300;
    private static final long SEED = 0x6c65616e6572L;
    private static final MerkleTree TREE = new MerkleTree();

    static {
        for (int i = 0; i < MAX_SIZE; i++) {
            TREE.append(ByteBuffer.allocate(4).putInt(i).array());
        }
    }

    static Stream<Long> sizes() {
        TreeSet<Long> sizes = new TreeSet<>(List.of(1L, 2L, 3L, 4L, 5L, 7L, 8L, 9L, 15L, 16L, 17L, 31L, 32L, 33L,
                64L, 127L, 128L, 129L, 255L, 256L, 257L, 299L, 300L));
        Random random = new Random(SEED);
        while (sizes.size() < 45) {
            sizes.add(1L + random.nextInt(MAX_SIZE));
        }
        return sizes.stream();
    }

    @ParameterizedTest(name = "size {0}")
    @MethodSource("sizes")
    void inclusionProofsVerifyAndBitFlipsFail(long size) {
        Random random = new Random(SEED ^ size);
        byte[] root = TREE.rootHash(size);
        for (long index = 0; index < size; index++) {
            long i = index;
            byte[] leaf = TREE.leafHash(index);
            List<byte[]> proof = TREE.inclusionProof(index, size);
            assertThatCode(() -> InclusionVerifier.verify(i, size, leaf, proof, root)).doesNotThrowAnyException();

            assertThatThrownBy(() -> InclusionVerifier.verify(i, size, flip(leaf, random), proof, root))
                    .isInstanceOf(ProofVerificationException.class);
            assertThatThrownBy(() -> InclusionVerifier.verify(i, size, leaf, proof, flip(root, random)))
                    .isInstanceOf(ProofVerificationException.class);
            if (!proof.isEmpty()) {
                assertThatThrownBy(() -> InclusionVerifier.verify(i, size, leaf, flipOne(proof, random), root))
                        .isInstanceOf(ProofVerificationException.class);
            }
        }
    }

    @ParameterizedTest(name = "size {0}")
    @MethodSource("sizes")
    void consistencyProofsVerifyAndBitFlipsFail(long size) {
        Random random = new Random(SEED ^ ~size);
        byte[] root = TREE.rootHash(size);
        for (long old = 1; old <= size; old++) {
            long m = old;
            byte[] oldRoot = TREE.rootHash(old);
            List<byte[]> proof = TREE.consistencyProof(old, size);
            assertThatCode(() -> ConsistencyVerifier.verify(m, size, oldRoot, root, proof)).doesNotThrowAnyException();

            assertThatThrownBy(() -> ConsistencyVerifier.verify(m, size, flip(oldRoot, random), root, proof))
                    .isInstanceOf(ProofVerificationException.class);
            assertThatThrownBy(() -> ConsistencyVerifier.verify(m, size, oldRoot, flip(root, random), proof))
                    .isInstanceOf(ProofVerificationException.class);
            if (!proof.isEmpty()) {
                assertThatThrownBy(() -> ConsistencyVerifier.verify(m, size, oldRoot, root, flipOne(proof, random)))
                        .isInstanceOf(ProofVerificationException.class);
            }
        }
    }

    @ParameterizedTest(name = "size {0}")
    @MethodSource("sizes")
    void subtreeProofsVerifyAndBitFlipsFail(long size) {
        Random random = new Random(SEED + size);
        byte[] root = TREE.rootHash(size);
        for (long width = 1; width <= size; width++) {
            // Valid subtrees start at multiples of the smallest power of two not below their width.
            long alignment = width == 1 ? 1 : Long.highestOneBit(width - 1) << 1;
            for (long start = 0; start + width <= size; start += alignment) {
                long s = start;
                long e = start + width;
                byte[] subtreeRoot = MerkleProofs.subtreeHash(TREE, s, e);
                List<byte[]> proof = MerkleProofs.subtreeConsistencyProof(TREE, s, e, size);
                assertThatCode(() -> SubtreeVerifier.verifyConsistency(s, e, size, subtreeRoot, root, proof))
                        .doesNotThrowAnyException();
                if (!proof.isEmpty()) {
                    assertThatThrownBy(() -> SubtreeVerifier.verifyConsistency(s, e, size, subtreeRoot, root,
                            flipOne(proof, random))).isInstanceOf(ProofVerificationException.class);
                    assertThatThrownBy(() -> SubtreeVerifier.verifyConsistency(s, e, size, flip(subtreeRoot, random),
                            root, proof)).isInstanceOf(ProofVerificationException.class);
                }
                long index = s + random.nextLong(width);
                List<byte[]> inclusion = MerkleProofs.subtreeInclusionProof(TREE, index, s, e);
                assertThatCode(() -> SubtreeVerifier.verifyInclusion(index, s, e, TREE.leafHash(index), inclusion,
                        subtreeRoot)).doesNotThrowAnyException();
            }
        }
    }

    private static byte[] flip(byte[] hash, Random random) {
        byte[] copy = hash.clone();
        int bit = random.nextInt(copy.length * 8);
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    private static List<byte[]> flipOne(List<byte[]> proof, Random random) {
        List<byte[]> copy = new ArrayList<>(proof);
        int i = random.nextInt(copy.size());
        copy.set(i, flip(copy.get(i), random));
        return copy;
    }
}
