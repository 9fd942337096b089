package org.gleaner.node.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.reward.EpochCloser;
import org.gleaner.coordinator.reward.RewardPolicy;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.reward.StatementBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept statements and the offline check behind the page's verify button, on statements the coordinator's own code signs. */
class OperatorViewTest {
    private static final String ORIGIN = "gleaner-test";
    private final Ed25519KeyPair coordinator = Ed25519KeyPair.generate();
    private final Ed25519KeyPair node = Ed25519KeyPair.generate();
    private final Ed25519KeyPair otherNode = Ed25519KeyPair.generate();

    @TempDir
    Path dir;

    private Map<String, StatementBundle> closeEpoch(Ed25519KeyPair signer, long epoch) {
        EpochCloser closer = new EpochCloser(ORIGIN, signer, RewardPolicy.DEFAULT);
        return closer.close(epoch, List.of(new NodeCredits(node.publicKey().fingerprint(), 12, 3400, Map.of()),
                new NodeCredits(otherNode.publicKey().fingerprint(), 5, 900, Map.of())), 1_700_000_000_000L + epoch).statements();
    }

    private OperatorView view(StatementStore store) {
        return new OperatorView(null, store, ORIGIN, coordinator.publicKey(), node.publicKey().fingerprint(), Clock.systemUTC());
    }

    @Test
    void aGenuineStatementOfThisNodeChecksOutAndTheOthersDoNot() throws Exception {
        StatementStore store = new StatementStore(dir.resolve("statements"));
        assertThat(store.keep(closeEpoch(coordinator, 1).get(node.publicKey().fingerprint()))).isTrue();
        assertThat(store.keep(closeEpoch(coordinator, 1).get(node.publicKey().fingerprint()))).as("kept once per epoch").isFalse();
        store.keep(closeEpoch(coordinator, 2).get(otherNode.publicKey().fingerprint()));
        store.keep(closeEpoch(Ed25519KeyPair.generate(), 3).get(node.publicKey().fingerprint()));
        OperatorView view = view(store);

        assertThat(view.statements().statements()).extracting(OperatorView.StatementSummary::epoch).containsExactly(3L, 2L, 1L);
        StatementCheck.Result ok = view.verify(1).orElseThrow();
        assertThat(ok.ok()).isTrue();
        assertThat(ok.message()).isEqualTo("statement OK");
        assertThat(ok.creditedPages()).isEqualTo(12);
        assertThat(ok.treeSize()).isEqualTo(2);

        StatementCheck.Result other = view.verify(2).orElseThrow();
        assertThat(other.ok()).isFalse();
        assertThat(other.message()).contains("not " + node.publicKey().fingerprint());
        StatementCheck.Result forged = view.verify(3).orElseThrow();
        assertThat(forged.ok()).as("signed by a key other than the configured coordinator's").isFalse();
        assertThat(forged.message()).startsWith("FAILED");
        assertThat(view.verify(9)).isEmpty();
    }

    @Test
    void aTamperedOrMalformedKeptFileIsReportedNotTrusted() throws Exception {
        StatementStore store = new StatementStore(dir.resolve("statements"));
        store.keep(closeEpoch(coordinator, 4).get(node.publicKey().fingerprint()));
        Path file = store.file(4);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 70] ^= 1; // inside the ledger entry's signed bytes or signature
        Files.write(file, bytes);
        StatementCheck.Result tampered = view(store).verify(4).orElseThrow();
        assertThat(tampered.ok()).isFalse();

        Files.write(store.file(5), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> view(store).verify(5)).isInstanceOf(IOException.class).hasMessageContaining("malformed");
        assertThat(view(store).statements().statements()).filteredOn(s -> s.epoch() == 5).singleElement()
                .satisfies(s -> assertThat(s.problem()).contains("malformed"));
    }

    @Test
    void keepsOnlyTheNewestStatements() throws Exception {
        StatementStore store = new StatementStore(dir.resolve("statements"));
        StatementBundle one = closeEpoch(coordinator, 1).get(node.publicKey().fingerprint());
        for (long epoch = 1; epoch <= StatementStore.MAX_KEPT + 3; epoch++) {
            Files.createDirectories(store.dir());
            Files.write(store.file(epoch), one.encode().toArray());
        }
        store.keep(closeEpoch(coordinator, StatementStore.MAX_KEPT + 10).get(node.publicKey().fingerprint()));
        List<Long> epochs = store.epochs();
        assertThat(epochs).hasSize(StatementStore.MAX_KEPT);
        assertThat(epochs.get(0)).isEqualTo(StatementStore.MAX_KEPT + 10L);
        assertThat(epochs).doesNotContain(1L, 2L, 3L, 4L);
    }
}
