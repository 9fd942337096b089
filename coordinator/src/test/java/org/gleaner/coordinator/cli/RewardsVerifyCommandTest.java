package org.gleaner.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.reward.EpochCloser;
import org.gleaner.coordinator.reward.RewardPolicy;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RewardsVerifyCommandTest {
    private static final String ORIGIN = "gleaner.devnet";

    @TempDir
    Path dir;

    private final Ed25519KeyPair coordinator = Ed25519KeyPair.generate();
    private final Ed25519KeyPair node = Ed25519KeyPair.generate();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new RewardsCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Path statementFile() throws Exception {
        EpochCloser.ClosedEpoch epoch = new EpochCloser(ORIGIN, coordinator, RewardPolicy.DEFAULT).close(3,
                List.of(new NodeCredits(node.publicKey().fingerprint(), 5, 1000, Map.of()),
                        new NodeCredits(Ed25519KeyPair.generate().publicKey().fingerprint(), 1, 10, Map.of())), 1_700_000_000_000L);
        Path file = dir.resolve("statement.bin");
        Files.write(file, epoch.statements().get(node.publicKey().fingerprint()).encode().toArray());
        return file;
    }

    @Test
    void aGoodStatementChecksOut() throws Exception {
        assertThat(run("verify", "--statement", statementFile().toString(), "--coordinator-key", coordinator.publicKey().fingerprint(),
                "--node-key", node.publicKey().fingerprint())).isZero();
        assertThat(out.toString()).contains("statement OK").contains("epoch             3").contains("5.001000 (5001000 micro-units)")
                .contains("leaf ").contains(" of 2");
    }

    @Test
    void theWrongCoordinatorKeyOrNodeFailsWithOneLine() throws Exception {
        Path file = statementFile();
        assertThat(run("verify", "--statement", file.toString(), "--coordinator-key", Ed25519KeyPair.generate().publicKey().fingerprint()))
                .isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("gleaner rewards verify: FAILED: ").doesNotContain("\n");
        assertThat(run("verify", "--statement", file.toString(), "--coordinator-key", coordinator.publicKey().fingerprint(),
                "--node-key", Ed25519KeyPair.generate().publicKey().fingerprint())).isEqualTo(1);
        assertThat(err.toString()).contains("not ");
    }

    @Test
    void aCorruptedFileOrBadKeyIsBadInput() throws Exception {
        Path file = statementFile();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Path corrupted = Files.write(dir.resolve("corrupted.bin"), bytes);
        int code = run("verify", "--statement", corrupted.toString(), "--coordinator-key", coordinator.publicKey().fingerprint());
        assertThat(code).as(err.toString()).isIn(1, 2);
        assertThat(run("verify", "--statement", dir.resolve("missing").toString(), "--coordinator-key",
                coordinator.publicKey().fingerprint())).isEqualTo(2);
        assertThat(run("verify", "--statement", file.toString(), "--coordinator-key", "zz")).isEqualTo(2);
        assertThat(run("verify", "--help")).isZero();
    }

    /** The files a node fetches from the consent ledger: its JSON answer for the entry, and a signed checkpoint. */
    private record LedgerFiles(Path entry, Path checkpoint, String key) {
    }

    private LedgerFiles ledgerFiles(Path statement, org.gleaner.protocol.note.NoteSigner ledgerSigner, boolean tamperProof)
            throws Exception {
        org.gleaner.protocol.reward.StatementBundle bundle = org.gleaner.protocol.reward.StatementBundle.decode(Files.readAllBytes(statement));
        byte[] entry = bundle.rewardRoot().encode().toArray();
        List<byte[]> leaves = List.of(org.gleaner.protocol.merkle.MerkleHash.leafHash("an earlier grant".getBytes()),
                org.gleaner.protocol.merkle.MerkleHash.leafHash(entry),
                org.gleaner.protocol.merkle.MerkleHash.leafHash("a later revocation".getBytes()));
        var source = org.gleaner.protocol.merkle.LeafHashSource.of(leaves);
        byte[] root = org.gleaner.protocol.merkle.MerkleProofs.rootHash(source, 3);
        List<byte[]> proof = new java.util.ArrayList<>(org.gleaner.protocol.merkle.MerkleProofs.inclusionProof(source, 1, 3));
        if (tamperProof) {
            proof.set(0, leaves.get(2));
        }
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        String json = "{\"index\":1,\"type\":\"reward-root\",\"entry\":\"" + b64.encodeToString(entry) + "\",\"treeSize\":3,"
                + "\"inclusionProof\":[" + String.join(",", proof.stream().map(h -> "\"" + b64.encodeToString(h) + "\"").toList()) + "]}";
        Path entryFile = Files.writeString(dir.resolve("entry" + tamperProof + ".json"), json);
        byte[] note = new org.gleaner.protocol.note.Checkpoint("ledger.test/log", 3, root).sign(ledgerSigner);
        Path checkpointFile = Files.write(dir.resolve("checkpoint" + tamperProof + ".txt"), note);
        return new LedgerFiles(entryFile, checkpointFile, ledgerSigner.verifier().encode());
    }

    @Test
    void checksThatTheRewardRootIsInASignedLedgerCheckpoint() throws Exception {
        Path statement = statementFile();
        org.gleaner.protocol.note.NoteSigner ledger = org.gleaner.protocol.note.NoteSigner.generate("ledger.test");
        LedgerFiles files = ledgerFiles(statement, ledger, false);
        String coordinatorKey = coordinator.publicKey().fingerprint();
        assertThat(run("verify", "--statement", statement.toString(), "--coordinator-key", coordinatorKey, "--ledger-entry",
                files.entry().toString(), "--ledger-checkpoint", files.checkpoint().toString(), "--ledger-key", files.key()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("in the ledger     entry 1 of 3, checkpoint of ledger.test/log");

        LedgerFiles tampered = ledgerFiles(statement, ledger, true);
        assertThat(run("verify", "--statement", statement.toString(), "--coordinator-key", coordinatorKey, "--ledger-entry",
                tampered.entry().toString(), "--ledger-checkpoint", files.checkpoint().toString(), "--ledger-key", files.key()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("not in the ledger checkpoint");

        String otherLedger = org.gleaner.protocol.note.NoteSigner.generate("ledger.test").verifier().encode();
        assertThat(run("verify", "--statement", statement.toString(), "--coordinator-key", coordinatorKey, "--ledger-entry",
                files.entry().toString(), "--ledger-checkpoint", files.checkpoint().toString(), "--ledger-key", otherLedger))
                .isEqualTo(1);
        assertThat(err.toString()).contains("not signed by the given ledger key");

        Path otherStatement = statementFile();
        assertThat(run("verify", "--statement", otherStatement.toString(), "--coordinator-key", coordinatorKey, "--ledger-entry",
                files.entry().toString(), "--ledger-checkpoint", files.checkpoint().toString(), "--ledger-key", files.key()))
                .as("another epoch's statement against this entry").isEqualTo(1);
        assertThat(err.toString()).contains("is not this statement's reward-root entry");

        assertThat(run("verify", "--statement", statement.toString(), "--coordinator-key", coordinatorKey, "--ledger-entry",
                files.entry().toString())).as("the ledger options go together").isEqualTo(2);
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "{\"index\":\"x\"}");
        assertThat(run("verify", "--statement", statement.toString(), "--coordinator-key", coordinatorKey, "--ledger-entry",
                garbage.toString(), "--ledger-checkpoint", files.checkpoint().toString(), "--ledger-key", files.key())).isEqualTo(1);
    }
}
