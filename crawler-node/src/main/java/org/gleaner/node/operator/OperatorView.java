package org.gleaner.node.operator;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.reward.RewardStatement;
import org.gleaner.protocol.reward.StatementBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's side of the operator's page: credits and penalties, the epoch statements this node received
 * (kept in its data directory) and their offline check. Asks the coordinator at most every
 * {@link #CREDITS_EVERY_MILLIS} and {@link #STATEMENTS_EVERY_MILLIS}, however often the page asks.
 */
public final class OperatorView {
    public static final long CREDITS_EVERY_MILLIS = 5_000;
    public static final long STATEMENTS_EVERY_MILLIS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(OperatorView.class);

    private final CoordinatorApiClient coordinator;
    private final StatementStore statements;
    private final String origin;
    private final Ed25519PublicKey coordinatorKey;
    private final String nodeId;
    private final Clock clock;
    private CreditsStatus credits;
    private long statementsCheckedAtMillis = -STATEMENTS_EVERY_MILLIS;
    private String statementsProblem = "";

    /** {@code coordinator} may be null: then only the statements already kept are shown. */
    public OperatorView(CoordinatorApiClient coordinator, StatementStore statements, String origin, Ed25519PublicKey coordinatorKey,
            String nodeId, Clock clock) {
        this.coordinator = coordinator;
        this.statements = statements;
        this.origin = origin;
        this.coordinatorKey = coordinatorKey;
        this.nodeId = nodeId;
        this.clock = clock;
        this.credits = coordinator == null ? CreditsStatus.notConfigured() : null;
    }

    public synchronized CreditsStatus credits() {
        long now = clock.millis();
        if (coordinator == null || credits != null && now - credits.fetchedAtMillis() < CREDITS_EVERY_MILLIS) {
            return credits;
        }
        try {
            Optional<NodeCreditsView> view = coordinator.credits();
            credits = view.map(v -> new CreditsStatus("ok", "", v, now))
                    .orElseGet(() -> new CreditsStatus("none-yet", "the coordinator has judged no page of this node yet", null, now));
        } catch (IOException e) {
            credits = new CreditsStatus("unavailable", e.getMessage(), null, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            credits = new CreditsStatus("unavailable", "interrupted", null, now);
        }
        return credits;
    }

    /** The statements kept, newest first, after asking the coordinator for a newer one (rate-limited). */
    public synchronized Statements statements() {
        refreshStatements();
        List<StatementSummary> out = new ArrayList<>();
        try {
            for (long epoch : statements.epochs()) {
                try {
                    statements.read(epoch).ifPresent(b -> out.add(StatementSummary.of(b.statement().record())));
                } catch (MalformedRecordException e) {
                    out.add(new StatementSummary(epoch, 0, 0, 0, 0, 0, "the kept file is malformed: " + e.getMessage()));
                }
            }
        } catch (IOException e) {
            return new Statements(List.of(), "cannot read " + statements.dir() + ": " + e.getMessage());
        }
        return new Statements(out, statementsProblem);
    }

    /** Runs the offline check on the kept statement of {@code epoch}; empty if there is none. */
    public Optional<StatementCheck.Result> verify(long epoch) throws IOException {
        Optional<StatementBundle> bundle;
        try {
            bundle = statements.read(epoch);
        } catch (MalformedRecordException e) {
            throw new IOException("the kept statement of epoch " + epoch + " is malformed: " + e.getMessage());
        }
        return bundle.map(b -> StatementCheck.run(b, origin, coordinatorKey, nodeId));
    }

    private void refreshStatements() {
        long now = clock.millis();
        if (coordinator == null || now - statementsCheckedAtMillis < STATEMENTS_EVERY_MILLIS) {
            return;
        }
        statementsCheckedAtMillis = now;
        try {
            Optional<StatementBundle> latest = coordinator.latestStatement();
            if (latest.isPresent() && statements.keep(latest.get())) {
                log.info("kept the statement of epoch {}", latest.get().statement().record().epoch());
            }
            statementsProblem = "";
        } catch (IOException e) {
            statementsProblem = "could not ask the coordinator for a new statement: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a kept statement claims (checked only when the operator asks: see {@link #verify}). */
    public record StatementSummary(long epoch, long closedAtMillis, long cumulativeAmountMicros, long creditedPages,
            long creditedBytes, long refusals, String problem) {
        static StatementSummary of(RewardStatement s) {
            return new StatementSummary(s.epoch(), s.closedAtMillis(), s.cumulativeAmount(), s.creditedPages(), s.creditedBytes(),
                    s.refusals(), "");
        }
    }

    public record Statements(List<StatementSummary> statements, String problem) {
    }
}
