package org.gleaner.devnet.rewards;

import org.gleaner.devnet.StoryLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gleaner.coordinator.durable.DurableCoordinator;
import org.gleaner.devnet.ledger.DevnetLedger;
import org.gleaner.devnet.ledger.LedgerEntries;
import org.gleaner.devnet.nodes.NodeFleet;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.reward.RewardStatement;
import org.gleaner.protocol.reward.StatementBundle;
import org.gleaner.protocol.reward.StatementCheckException;
import org.gleaner.protocol.reward.StatementVerifier;

/**
 * Closes a reward epoch, writes each node's statement where its operator finds it, checks every statement
 * as {@code gleaner rewards verify} does, and finds the epoch's reward root in the ledger (adopted from the
 * submissions topic) with an inclusion proof against a signed checkpoint.
 */
public final class RewardStage {
    private static final Duration EPOCH_WAIT = Duration.ofSeconds(30);
    private static final Duration LEDGER_WAIT = Duration.ofSeconds(30);

    private final String origin;
    private final StoryLog progress;

    public RewardStage(String origin, StoryLog progress) {
        this.origin = origin;
        this.progress = progress;
    }

    public record NodeStatement(String node, Path file, RewardStatement statement) {
    }

    public record Result(long epoch, List<NodeStatement> statements, LedgerEntries.FoundRewardRoot ledgerEntry) {
    }

    public Result closeEpoch(DurableCoordinator durable, List<NodeFleet.Member> nodes, Path runDir, DevnetLedger ledger)
            throws IOException, InterruptedException, StatementCheckException, MalformedRecordException {
        long epoch = durable.epochs().lastEpoch() + 1;
        durable.ingest().requestEpochClose();
        long deadline = System.nanoTime() + EPOCH_WAIT.toNanos();
        while (durable.epochs().lastEpoch() < epoch) {
            if (System.nanoTime() > deadline || durable.ingest().failure().isPresent()) {
                throw new IllegalStateException("reward epoch " + epoch + " did not close");
            }
            Thread.sleep(50);
        }
        Ed25519PublicKey coordinatorKey = durable.coordinator().publicKey();
        Map<String, StatementBundle> bundles = durable.epochs().latestStatements();
        List<NodeStatement> statements = new ArrayList<>();
        RewardStatement any = null;
        for (NodeFleet.Member member : nodes) {
            StatementBundle bundle = bundles.get(member.node().nodeId());
            if (bundle == null) {
                progress.say(member.name() + " has no statement for epoch " + epoch);
                continue;
            }
            Path file = runDir.resolve("nodes/" + member.name() + "/statement-epoch-" + epoch + ".bin");
            Files.write(file, bundle.encode().toArray());
            // The same check as `gleaner rewards verify`, on the bytes written to disk.
            RewardStatement verified = StatementVerifier.verify(StatementBundle.decode(Files.readAllBytes(file)), origin,
                    coordinatorKey);
            statements.add(new NodeStatement(member.name(), file, verified));
            any = verified;
            progress.say(member.name() + " statement verified (epoch " + epoch + ", "
                    + verified.creditedPages() + " pages, " + verified.refusals() + " refused): ./gleaner rewards verify --statement "
                    + file + " --coordinator-key " + coordinatorKey.fingerprint());
        }
        if (any == null) {
            throw new IllegalStateException("epoch " + epoch + " closed with no statement for any node");
        }
        LedgerEntries.FoundRewardRoot found = awaitInLedger(ledger, epoch, any);
        progress.say("reward root of epoch " + epoch + " is ledger entry " + found.index()
                + " (inclusion proved against checkpoint " + found.checkpointSize() + ")");
        return new Result(epoch, statements, found);
    }

    private LedgerEntries.FoundRewardRoot awaitInLedger(DevnetLedger ledger, long epoch, RewardStatement statement)
            throws IOException, InterruptedException {
        LedgerEntries entries = new LedgerEntries(ledger, origin);
        long deadline = System.nanoTime() + LEDGER_WAIT.toNanos();
        while (true) {
            Optional<LedgerEntries.FoundRewardRoot> found = entries.findRewardRoot(epoch, statement.rootHash(),
                    ledger.latestCheckpointNote());
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ledger did not adopt the reward root of epoch " + epoch + " within "
                        + LEDGER_WAIT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }
}
