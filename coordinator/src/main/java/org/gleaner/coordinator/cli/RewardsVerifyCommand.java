package org.gleaner.coordinator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;
import org.gleaner.protocol.reward.RewardStatement;
import org.gleaner.protocol.reward.StatementBundle;
import org.gleaner.protocol.reward.StatementCheckException;
import org.gleaner.protocol.reward.StatementVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gleaner rewards verify}: checks a statement bundle offline (both signatures, the reward-root ledger
 * entry, the inclusion proof), and optionally that it is this node's. Exit 0 when it checks out, 1 when it does
 * not (one line says why), 2 for bad input.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a reward statement offline: the coordinator's signatures on the statement and on the "
                + "reward-root ledger entry, that both name the same epoch, tree and root, and that the node's "
                + "leaf (epoch, node, cumulative amount) is in that tree (RFC 9162 inclusion proof)."})
public final class RewardsVerifyCommand implements Callable<Integer> {
    private static final int MAX_FILE = StatementBundle.MAX_ENCODED;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--statement", required = true, paramLabel = "FILE", description = "The statement bundle file.")
    Path statementFile;

    @Option(names = "--coordinator-key", required = true, paramLabel = "HEX",
            description = "The coordinator's Ed25519 public key (64 hex characters), from a source you trust.")
    String coordinatorKeyHex;

    @Option(names = "--origin", defaultValue = "gleaner.devnet", description = "The network's origin (default: ${DEFAULT-VALUE}).")
    String origin;

    @Option(names = "--node-key", paramLabel = "HEX", description = "Also require that the statement is for this node key.")
    String nodeKeyHex;

    @Override
    public Integer call() {
        Ed25519PublicKey coordinator = key(coordinatorKeyHex, "--coordinator-key");
        Ed25519PublicKey node = nodeKeyHex == null ? null : key(nodeKeyHex, "--node-key");
        StatementBundle bundle = read();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            RewardStatement s = StatementVerifier.verify(bundle, origin, coordinator);
            if (node != null && !s.nodeKey().hex().equals(node.fingerprint())) {
                throw new StatementCheckException("the statement is for node " + s.nodeKey().hex() + ", not " + node.fingerprint());
            }
            out.println("statement OK");
            out.printf("  epoch             %d (closed at %s)%n", s.epoch(), java.time.Instant.ofEpochMilli(s.closedAtMillis()));
            out.printf("  node              %s%n", s.nodeKey().hex());
            out.printf("  cumulative reward %d.%06d (%d micro-units)%n", s.cumulativeAmount() / 1_000_000,
                    s.cumulativeAmount() % 1_000_000, s.cumulativeAmount());
            out.printf("  pages credited    %d (%d bytes), %d refused%n", s.creditedPages(), s.creditedBytes(), s.refusals());
            out.printf("  reward tree       leaf %d of %d, root %s%n", s.leafIndex(), s.treeSize(), s.rootHash().hex());
            out.printf("  ledger entry      reward-root signed by coordinator %s%n", coordinator.fingerprint());
            out.flush();
            return 0;
        } catch (StatementCheckException e) {
            err.println("gleaner rewards verify: FAILED: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private Ed25519PublicKey key(String hex, String option) {
        try {
            return Ed25519PublicKey.fromHex(hex);
        } catch (InvalidKeyException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    private StatementBundle read() {
        try {
            if (!Files.isRegularFile(statementFile)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--statement: no such file: " + statementFile);
            }
            if (Files.size(statementFile) > MAX_FILE) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--statement: file is over " + MAX_FILE + " bytes");
            }
            return StatementBundle.decode(Files.readAllBytes(statementFile));
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--statement: cannot read " + statementFile + ": " + e.getMessage());
        } catch (MalformedRecordException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--statement: not a statement bundle: " + e.getMessage());
        }
    }
}
