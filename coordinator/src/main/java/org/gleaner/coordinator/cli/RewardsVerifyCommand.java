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
import org.gleaner.coordinator.reward.LedgerInclusionCheck;
import org.gleaner.protocol.note.NoteKeyException;
import org.gleaner.protocol.note.NoteVerifier;
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
                + "leaf (epoch, node, cumulative amount) is in that tree (RFC 9162 inclusion proof); with the ledger's "
                + "files, also that the reward-root entry is in a ledger checkpoint signed by the ledger's key."})
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

    @Option(names = "--ledger-entry", paramLabel = "FILE",
            description = "The ledger's JSON answer for the reward-root entry (GET /v1/entries/{index}); with --ledger-checkpoint "
                    + "and --ledger-key, also checks that the entry is in the consent ledger.")
    Path ledgerEntryFile;

    @Option(names = "--ledger-checkpoint", paramLabel = "FILE", description = "The ledger's signed checkpoint note (GET /v1/checkpoint).")
    Path ledgerCheckpointFile;

    @Option(names = "--ledger-key", paramLabel = "VKEY",
            description = "The ledger's checkpoint verifier key (name+id+base64), from a source you trust.")
    String ledgerKey;

    private static final int MAX_LEDGER_FILE = 1 << 20;

    @Override
    public Integer call() {
        Ed25519PublicKey coordinator = key(coordinatorKeyHex, "--coordinator-key");
        Ed25519PublicKey node = nodeKeyHex == null ? null : key(nodeKeyHex, "--node-key");
        NoteVerifier ledger = ledgerVerifier();
        StatementBundle bundle = read();
        byte[] ledgerEntry = ledger == null ? null : readSmall(ledgerEntryFile, "--ledger-entry");
        byte[] ledgerCheckpoint = ledger == null ? null : readSmall(ledgerCheckpointFile, "--ledger-checkpoint");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            RewardStatement s = StatementVerifier.verify(bundle, origin, coordinator);
            if (node != null && !s.nodeKey().hex().equals(node.fingerprint())) {
                throw new StatementCheckException("the statement is for node " + s.nodeKey().hex() + ", not " + node.fingerprint());
            }
            LedgerInclusionCheck.Included included = ledger == null ? null
                    : LedgerInclusionCheck.verify(bundle, ledgerEntry, ledgerCheckpoint, ledger);
            out.println("statement OK");
            out.printf("  epoch             %d (closed at %s)%n", s.epoch(), java.time.Instant.ofEpochMilli(s.closedAtMillis()));
            out.printf("  node              %s%n", s.nodeKey().hex());
            out.printf("  cumulative reward %d.%06d (%d micro-units)%n", s.cumulativeAmount() / 1_000_000,
                    s.cumulativeAmount() % 1_000_000, s.cumulativeAmount());
            out.printf("  pages credited    %d (%d bytes), %d refused%n", s.creditedPages(), s.creditedBytes(), s.refusals());
            out.printf("  reward tree       leaf %d of %d, root %s%n", s.leafIndex(), s.treeSize(), s.rootHash().hex());
            out.printf("  ledger entry      reward-root signed by coordinator %s%n", coordinator.fingerprint());
            if (included != null) {
                out.printf("  in the ledger     entry %d of %d, checkpoint of %s signed by %s%n", included.index(), included.treeSize(),
                        included.ledgerOrigin(), ledger.name());
            } else {
                out.println("  in the ledger     not checked (give --ledger-entry, --ledger-checkpoint and --ledger-key)");
            }
            out.flush();
            return 0;
        } catch (StatementCheckException e) {
            err.println("gleaner rewards verify: FAILED: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private NoteVerifier ledgerVerifier() {
        int given = (ledgerEntryFile == null ? 0 : 1) + (ledgerCheckpointFile == null ? 0 : 1) + (ledgerKey == null ? 0 : 1);
        if (given == 0) {
            return null;
        }
        if (given != 3) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--ledger-entry, --ledger-checkpoint and --ledger-key go together");
        }
        try {
            return NoteVerifier.parse(ledgerKey);
        } catch (NoteKeyException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ledger-key: " + e.getMessage());
        }
    }

    private byte[] readSmall(Path file, String option) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": no such file: " + file);
            }
            if (Files.size(file) > MAX_LEDGER_FILE) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": file is over " + MAX_LEDGER_FILE + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": cannot read " + file + ": " + e.getMessage());
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
