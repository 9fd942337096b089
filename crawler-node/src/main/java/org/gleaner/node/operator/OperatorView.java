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
 * {@link #CREDITS_EVERY_MILLIS} and {@link #STATEMENTS_EVERY_MILLIS}, however often the page asks, and on a thread
 * of its own: a slow or unreachable coordinator never holds up the page or {@code gleaner node status}, which show
 * the last answer (or why there is none).
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
    private final java.util.concurrent.ExecutorService refresher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gleaner-operator-refresh");
        t.setDaemon(true);
        return t;
    });
    private CreditsStatus credits;
    private java.util.concurrent.Future<?> creditsRefresh;
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

    /**
     * The last answer about credits; starts a refresh when it is older than {@link #CREDITS_EVERY_MILLIS}. The very
     * first call waits up to two seconds for the first answer.
     */
    public CreditsStatus credits() {
        java.util.concurrent.Future<?> pending;
        synchronized (this) {
            if (coordinator == null) {
                return credits;
            }
            long now = clock.millis();
            boolean stale = credits == null || now - credits.fetchedAtMillis() >= CREDITS_EVERY_MILLIS;
            if (stale && (creditsRefresh == null || creditsRefresh.isDone())) {
                creditsRefresh = refresher.submit(this::refreshCredits);
            }
            if (credits != null) {
                return credits;
            }
            pending = creditsRefresh;
        }
        try {
            pending.get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // answered below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return credits != null ? credits
                    : new CreditsStatus("unavailable", "the coordinator has not answered yet", null, clock.millis());
        }
    }

    private void refreshCredits() {
        long now = clock.millis();
        CreditsStatus fresh;
        try {
            Optional<NodeCreditsView> view = coordinator.credits();
            fresh = view.map(v -> new CreditsStatus("ok", "", v, now))
                    .orElseGet(() -> new CreditsStatus("none-yet", "the coordinator has judged no page of this node yet", null, now));
        } catch (IOException e) {
            fresh = new CreditsStatus("unavailable", e.getMessage(), null, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fresh = new CreditsStatus("unavailable", "interrupted", null, now);
        }
        synchronized (this) {
            credits = fresh;
        }
    }

    /** The statements kept, newest first; asks the coordinator for a newer one in the background (rate-limited). */
    public synchronized Statements statements() {
        long now = clock.millis();
        if (coordinator != null && now - statementsCheckedAtMillis >= STATEMENTS_EVERY_MILLIS) {
            statementsCheckedAtMillis = now;
            refresher.submit(this::refreshStatements);
        }
        try {
            return new Statements(keptStatements(), statementsProblem);
        } catch (IOException e) {
            return new Statements(List.of(), "cannot read " + statements.dir() + ": " + e.getMessage());
        }
    }

    /** The statements kept in the data directory, newest first, without asking the coordinator. */
    public List<StatementSummary> keptStatements() throws IOException {
        List<StatementSummary> out = new ArrayList<>();
        for (long epoch : statements.epochs()) {
            try {
                statements.read(epoch).ifPresent(b -> out.add(StatementSummary.of(b.statement().record())));
            } catch (MalformedRecordException e) {
                out.add(new StatementSummary(epoch, 0, 0, 0, 0, 0, "the kept file is malformed: " + e.getMessage()));
            }
        }
        return out;
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
        String problem = "";
        try {
            Optional<StatementBundle> latest = coordinator.latestStatement();
            if (latest.isPresent() && statements.keep(latest.get())) {
                log.info("kept the statement of epoch {}", latest.get().statement().record().epoch());
            }
        } catch (IOException e) {
            problem = "could not ask the coordinator for a new statement: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            statementsProblem = problem;
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
