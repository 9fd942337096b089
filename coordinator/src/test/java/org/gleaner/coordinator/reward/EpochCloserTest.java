package org.gleaner.coordinator.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.EntryType;
import org.gleaner.protocol.ledger.RewardRoot;
import org.gleaner.protocol.reward.RewardStatement;
import org.gleaner.protocol.reward.StatementBundle;
import org.gleaner.protocol.reward.StatementCheckException;
import org.gleaner.protocol.reward.StatementVerifier;
import org.junit.jupiter.api.Test;

class EpochCloserTest {
    private final Ed25519KeyPair coordinator = Ed25519KeyPair.generate();
    private final String a = Ed25519KeyPair.generate().publicKey().fingerprint();
    private final String b = Ed25519KeyPair.generate().publicKey().fingerprint();
    private final String c = Ed25519KeyPair.generate().publicKey().fingerprint();
    private final EpochCloser closer = new EpochCloser(Fixtures.ORIGIN, coordinator, RewardPolicy.DEFAULT);

    private List<NodeCredits> credits() {
        return List.of(new NodeCredits(a, 10, 5000, Map.of()),
                new NodeCredits(b, 3, 100, Map.of(ReasonCode.HASH_MISMATCH, 1L, ReasonCode.LEASE_RELEASED, 4L)),
                new NodeCredits(c, 0, 0, Map.of(ReasonCode.NO_LEASE, 7L)),
                new NodeCredits(CreditEvent.UNVERIFIED, 0, 0, Map.of(ReasonCode.BAD_SIGNATURE, 2L)));
    }

    @Test
    void everyNodesStatementVerifiesOfflineAgainstTheSignedRewardRoot() throws Exception {
        EpochCloser.ClosedEpoch epoch = closer.close(4, credits(), 1_000);
        assertThat(epoch.root().epoch()).isEqualTo(4);
        assertThat(epoch.root().treeSize()).as("unverified refusals are no node's").isEqualTo(3);
        assertThat(epoch.ledgerEntry().record().type()).isEqualTo(EntryType.REWARD_ROOT);
        assertThat(RewardRoot.decode(epoch.ledgerEntry().record().payload().toArray())).isEqualTo(epoch.root());
        assertThat(epoch.statements()).containsOnlyKeys(a, b, c);

        RewardStatement sa = StatementVerifier.verify(roundTrip(epoch.statements().get(a)), Fixtures.ORIGIN, coordinator.publicKey());
        assertThat(sa.cumulativeAmount()).isEqualTo(10 * 1_000_000L + 5000);
        assertThat(sa.creditedPages()).isEqualTo(10);
        RewardStatement sb = StatementVerifier.verify(epoch.statements().get(b), Fixtures.ORIGIN, coordinator.publicKey());
        assertThat(sb.cumulativeAmount()).as("one penalty; a late page is not one").isEqualTo(3 * 1_000_000L + 100 - 2_000_000L);
        assertThat(sb.refusals()).isEqualTo(5);
        RewardStatement sc = StatementVerifier.verify(epoch.statements().get(c), Fixtures.ORIGIN, coordinator.publicKey());
        assertThat(sc.cumulativeAmount()).as("never below zero").isZero();
    }

    @Test
    void aTamperedAmountAForeignRootOrAnotherKeyFailsTheCheck() {
        EpochCloser.ClosedEpoch epoch = closer.close(1, credits(), 1_000);
        StatementBundle good = epoch.statements().get(a);
        RewardStatement s = good.statement().record();

        RewardStatement inflated = new RewardStatement(s.epoch(), s.nodeKey(), s.cumulativeAmount() + 1, s.creditedPages(),
                s.creditedBytes(), s.refusals(), s.leafIndex(), s.treeSize(), s.rootHash(), s.inclusionProof(), s.closedAtMillis());
        StatementBundle resignedByCoordinator = new StatementBundle(Signed.sign(inflated, Fixtures.ORIGIN, coordinator), good.rewardRoot());
        assertThatThrownBy(() -> StatementVerifier.verify(resignedByCoordinator, Fixtures.ORIGIN, coordinator.publicKey()))
                .isInstanceOf(StatementCheckException.class).hasMessageContaining("inclusion proof");

        StatementBundle forgedSignature = new StatementBundle(new Signed<>(inflated, good.statement().signature()), good.rewardRoot());
        assertThatThrownBy(() -> StatementVerifier.verify(forgedSignature, Fixtures.ORIGIN, coordinator.publicKey()))
                .isInstanceOf(StatementCheckException.class).hasMessageContaining("statement's signature");

        EpochCloser.ClosedEpoch other = closer.close(2, credits(), 2_000);
        StatementBundle mixed = new StatementBundle(good.statement(), other.ledgerEntry());
        assertThatThrownBy(() -> StatementVerifier.verify(mixed, Fixtures.ORIGIN, coordinator.publicKey()))
                .isInstanceOf(StatementCheckException.class).hasMessageContaining("epoch 1");

        assertThatThrownBy(() -> StatementVerifier.verify(good, Fixtures.ORIGIN, Ed25519KeyPair.generate().publicKey()))
                .isInstanceOf(StatementCheckException.class);
        assertThatThrownBy(() -> StatementVerifier.verify(good, "another-network", coordinator.publicKey()))
                .isInstanceOf(StatementCheckException.class);
    }

    @Test
    void anEpochWithNoNodesHasTheEmptyRoot() {
        EpochCloser.ClosedEpoch epoch = closer.close(1, List.of(), 1_000);
        assertThat(epoch.root().treeSize()).isZero();
        assertThat(epoch.root().rootHash()).isEqualTo(Bytes.sha256(new byte[0]));
        assertThat(epoch.statements()).isEmpty();
    }

    private static StatementBundle roundTrip(StatementBundle bundle) throws MalformedRecordException {
        return StatementBundle.decode(bundle.encode().toArray());
    }
}
