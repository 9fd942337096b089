package org.gleaner.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Roots of the RFC 6962 reference tree for sizes 1..8. */
    private static final List<String> REFERENCE_ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void hashesAreDomainSeparated() {
        assertThat(HEX.formatHex(MerkleHash.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(HEX.formatHex(MerkleHash.leafHash(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        byte[] left = MerkleHash.leafHash(new byte[] {1});
        byte[] right = MerkleHash.leafHash(new byte[] {2});
        byte[] concatenated = ByteBuffer.allocate(64).put(left).put(right).array();
        assertThat(MerkleHash.nodeHash(left, right)).isNotEqualTo(MerkleHash.leafHash(concatenated));
        assertThatThrownBy(() -> MerkleHash.nodeHash(new byte[31], right)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rootsMatchTheReferenceTreeAtEverySize() {
        MerkleTree tree = new MerkleTree();
        assertThat(tree.rootHash()).isEqualTo(MerkleHash.emptyRoot());
        for (byte[] leaf : MerkleProbesTest.REFERENCE_LEAVES) {
            tree.append(leaf);
            assertThat(HEX.formatHex(tree.rootHash())).isEqualTo(REFERENCE_ROOTS.get((int) tree.size() - 1));
        }
        for (int size = 1; size <= 8; size++) {
            assertThat(HEX.formatHex(tree.rootHash(size))).isEqualTo(REFERENCE_ROOTS.get(size - 1));
        }
    }

    @Test
    void rootsMatchTheRecursiveDefinitionUpTo300Leaves() {
        MerkleTree tree = new MerkleTree();
        List<byte[]> leaves = new ArrayList<>();
        assertThat(tree.rootHash(0)).isEqualTo(MerkleHash.emptyRoot());
        for (int i = 0; i < 300; i++) {
            byte[] leaf = MerkleHash.leafHash(ByteBuffer.allocate(4).putInt(i).array());
            assertThat(tree.appendLeafHash(leaf)).isEqualTo(i);
            leaves.add(leaf);
            assertThat(tree.rootHash()).isEqualTo(mth(leaves));
        }
        for (int size = 1; size <= 300; size++) {
            assertThat(tree.rootHash(size)).isEqualTo(mth(leaves.subList(0, size)));
        }
        assertThat(tree.leafHash(123)).isEqualTo(leaves.get(123));
    }

    @Test
    void anyLeafHashSourceGivesTheSameProofs() {
        MerkleTree tree = new MerkleTree();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 77; i++) {
            byte[] leaf = MerkleHash.leafHash(new byte[] {(byte) i});
            tree.appendLeafHash(leaf);
            leaves.add(leaf);
        }
        LeafHashSource plain = LeafHashSource.of(leaves);
        for (long size = 1; size <= 77; size += 7) {
            assertThat(MerkleProofs.rootHash(plain, size)).isEqualTo(tree.rootHash(size));
            for (long index = 0; index < size; index += 3) {
                assertThat(MerkleProofs.inclusionProof(plain, index, size))
                        .containsExactlyElementsOf(tree.inclusionProof(index, size));
            }
            for (long old = 1; old <= size; old += 5) {
                assertThat(MerkleProofs.consistencyProof(plain, old, size))
                        .containsExactlyElementsOf(tree.consistencyProof(old, size));
            }
        }
    }

    @Test
    void proofArgumentsOutsideTheTreeAreProgrammingErrors() {
        MerkleTree tree = new MerkleTree();
        tree.append(new byte[] {1});
        tree.append(new byte[] {2});
        assertThatThrownBy(() -> tree.rootHash(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleProofs.subtreeConsistencyProof(tree, 1, 3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.appendLeafHash(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThat(tree.consistencyProof(2, 2)).isEmpty();
    }

    /** About 2M SHA-256 operations: appending is amortised O(1), roots and proofs stay O(log n). */
    @Test
    void handlesAMillionLeaves() throws Exception {
        int leaves = 1 << 20;
        MerkleTree tree = new MerkleTree();
        ByteBuffer data = ByteBuffer.allocate(8);
        for (int i = 0; i < leaves; i++) {
            tree.append(data.putLong(0, i).array());
        }
        long size = tree.size();
        byte[] root = tree.rootHash();
        long started = System.nanoTime();
        for (long index : new long[] {0, 1, 4242, size / 2, size - 1}) {
            byte[] leafHash = MerkleHash.leafHash(data.putLong(0, index).array());
            InclusionVerifier.verify(index, size, leafHash, tree.inclusionProof(index, size), root);
        }
        for (long old : new long[] {1, 1000, 999_999, size - 1}) {
            ConsistencyVerifier.verify(old, size, tree.rootHash(old), root, tree.consistencyProof(old, size));
        }
        assertThat(System.nanoTime() - started).as("proofs do not rescan the leaves").isLessThan(2_000_000_000L);
    }

    /** MTH straight from RFC 9162 §2.1.1. */
    static byte[] mth(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return MerkleHash.emptyRoot();
        }
        if (leaves.size() == 1) {
            return Arrays.copyOf(leaves.get(0), 32);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return MerkleHash.nodeHash(mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
    }
}
