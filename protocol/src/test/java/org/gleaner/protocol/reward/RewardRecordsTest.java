package org.gleaner.protocol.reward;

import org.gleaner.protocol.ledger.RewardRoot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.FieldLimitException;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;

class RewardRecordsTest {
    private static final Bytes NODE = Bytes.of(new byte[32]);
    private static final Bytes ROOT = Bytes.sha256(new byte[] {7});

    @Test
    void leavesAndRootsRoundTripAndRefuseForeignOrTruncatedBytes() throws MalformedRecordException {
        RewardLeaf leaf = new RewardLeaf(3, NODE, 1_000_000);
        assertThat(RewardLeaf.decode(leaf.encode().toArray())).isEqualTo(leaf);
        RewardRoot root = new RewardRoot(3, 2, ROOT, 99);
        assertThat(RewardRoot.decode(root.encode().toArray())).isEqualTo(root);

        byte[] bytes = leaf.encode().toArray();
        byte[] foreignTag = bytes.clone();
        foreignTag[5] ^= 1;
        assertThatThrownBy(() -> RewardLeaf.decode(foreignTag)).isInstanceOf(MalformedRecordException.class).hasMessageContaining("tag");
        assertThatThrownBy(() -> RewardLeaf.decode(Arrays.copyOf(bytes, bytes.length - 1))).isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> RewardRoot.decode(Arrays.copyOf(root.encode().toArray(), 10))).isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void fieldsAreChecked() {
        assertThatThrownBy(() -> new RewardLeaf(-1, NODE, 0)).isInstanceOf(FieldLimitException.class);
        assertThatThrownBy(() -> new RewardLeaf(0, Bytes.of(new byte[31]), 0)).isInstanceOf(FieldLimitException.class);
        assertThatThrownBy(() -> new RewardLeaf(0, NODE, -5)).isInstanceOf(FieldLimitException.class);
        assertThatThrownBy(() -> new RewardStatement(1, NODE, 0, 0, 0, 0, 2, 2, ROOT, List.of(), 0))
                .isInstanceOf(FieldLimitException.class).hasMessageContaining("leafIndex");
        assertThatThrownBy(() -> new RewardStatement(1, NODE, 0, 0, 0, 0, 0, 2, ROOT, List.of(Bytes.of(new byte[3])), 0))
                .isInstanceOf(FieldLimitException.class);
    }

    @Test
    void aStatementBundleRoundTripsAndATruncatedOneIsMalformed() throws MalformedRecordException {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        RewardStatement statement = new RewardStatement(1, NODE, 5, 1, 2, 0, 0, 1, ROOT, List.of(), 9);
        org.gleaner.protocol.ledger.LedgerEntry entry = new org.gleaner.protocol.ledger.LedgerEntry(
                org.gleaner.protocol.ledger.EntryType.REWARD_ROOT, Bytes.of(key.publicKey().bytes()), 9, Bytes.of(new byte[16]),
                new RewardRoot(1, 1, ROOT, 9).encode());
        StatementBundle bundle = new StatementBundle(Signed.sign(statement, "o", key), Signed.sign(entry, "o", key));
        byte[] encoded = bundle.encode().toArray();
        StatementBundle decoded = StatementBundle.decode(encoded);
        assertThat(decoded.statement().record()).isEqualTo(statement);
        assertThat(decoded.rewardRoot().record()).isEqualTo(entry);
        assertThatThrownBy(() -> StatementBundle.decode(Arrays.copyOf(encoded, encoded.length - 1)))
                .isInstanceOf(MalformedRecordException.class);
    }
}
