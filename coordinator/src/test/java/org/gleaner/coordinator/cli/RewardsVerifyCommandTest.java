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
}
