package org.gleaner.ledger.log;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.gleaner.ledger.state.EntryRejectedException;
import org.gleaner.ledger.state.EntryVerifier;
import org.gleaner.ledger.state.LedgerState;
import org.gleaner.ledger.state.ValidatedEntry;
import org.gleaner.ledger.state.VerifiedEntry;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the log. Callers verify signatures on their own threads (that is the costly part, and
 * it needs no state), then queue the entry; the sequencer thread takes whatever is queued, checks each
 * entry against the state in order, writes the accepted ones with a single fsync (group commit), and only
 * then completes the callers' futures. A refused entry changes nothing. A checkpoint is signed every
 * {@code checkpointEvery} entries and, when entries arrived since the last one, every
 * {@code checkpointPeriod}.
 */
public final class Sequencer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
    private static final int MAX_BATCH = 4096;

    private final LedgerLog log;
    private final Clock clock;
    private final long checkpointEvery;
    private final long checkpointPeriodNanos;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private final List<Runnable> appendListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile SequencerFailedException failure;
    private long lastCheckpointNanos = System.nanoTime();

    /** {@code receivedAtMillis}: the time to judge the entry's timestamp against; negative for the sequencer's clock. */
    private record Pending(VerifiedEntry entry, long receivedAtMillis, CompletableFuture<AppendReceipt> result) {
    }

    /** Wakes the thread to stop; the thread is never interrupted, since an interrupt closes a FileChannel mid-write. */
    private static final Pending STOP = new Pending(null, -1, null);

    public Sequencer(LedgerLog log, Clock clock, long checkpointEvery, Duration checkpointPeriod, int queueCapacity) {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1");
        }
        this.log = log;
        this.clock = clock;
        this.checkpointEvery = checkpointEvery;
        this.checkpointPeriodNanos = checkpointPeriod.toNanos();
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::runLoop, "ledger-sequencer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public LedgerLog log() {
        return log;
    }

    /** Runs {@code listener} on the sequencer thread after every durable append (e.g. to wake a follower). */
    public void onAppend(Runnable listener) {
        appendListeners.add(listener);
    }

    /**
     * Verifies and queues {@code signed}. The future completes with the receipt once the entry is durable,
     * or exceptionally with {@link EntryRejectedException} (nothing appended) or
     * {@link SequencerFailedException}. A full queue refuses at once with {@link QueueFullException}.
     */
    public CompletableFuture<AppendReceipt> submit(Signed<LedgerEntry> signed) {
        return submit(signed, -1);
    }

    /**
     * {@link #submit}, judging the entry's timestamp against {@code receivedAtMillis} (when a durable queue
     * received it, e.g. the Kafka record's time) rather than now, so that an entry that waited in the queue
     * while the ledger was down is not refused as stale. A time in the sequencer's future counts as now.
     */
    public CompletableFuture<AppendReceipt> submit(Signed<LedgerEntry> signed, long receivedAtMillis) {
        CompletableFuture<AppendReceipt> result = new CompletableFuture<>();
        try {
            VerifiedEntry verified = EntryVerifier.verify(signed, log.origin());
            ensureRunning();
            if (!queue.offer(new Pending(verified, receivedAtMillis, result))) {
                result.completeExceptionally(new QueueFullException());
            }
        } catch (EntryRejectedException | RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** {@link #submit} and wait; rethrows the refusal. */
    public AppendReceipt append(Signed<LedgerEntry> signed) throws EntryRejectedException, InterruptedException {
        return append(signed, -1);
    }

    /** {@link #submit(Signed, long)} and wait; rethrows the refusal. */
    public AppendReceipt append(Signed<LedgerEntry> signed, long receivedAtMillis) throws EntryRejectedException, InterruptedException {
        try {
            return submit(signed, receivedAtMillis).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EntryRejectedException rejected) {
                throw rejected;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CompletionException(e.getCause());
        }
    }

    /** Signs a checkpoint of everything appended so far (on the sequencer thread) and returns the note. */
    public byte[] checkpointNow() throws InterruptedException {
        CompletableFuture<AppendReceipt> done = new CompletableFuture<>();
        ensureRunning();
        queue.put(new Pending(null, -1, done));
        try {
            done.get();
        } catch (ExecutionException e) {
            throw new SequencerFailedException("checkpoint failed", e.getCause());
        }
        return log.latestCheckpoint();
    }

    private void ensureRunning() {
        if (failure != null) {
            throw failure;
        }
        if (!running) {
            throw new IllegalStateException("the sequencer is closed");
        }
    }

    private void runLoop() {
        List<Pending> drained = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Pending first = queue.poll(pollMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    drained.add(first);
                    queue.drainTo(drained, MAX_BATCH - 1);
                    drained.removeIf(p -> p == STOP);
                    process(drained);
                    drained.clear();
                }
                maybeCheckpoint(false);
            } catch (InterruptedException e) {
                break;
            } catch (IOException | RuntimeException e) {
                fail(drained, e);
                return;
            }
        }
        failRemaining(new IllegalStateException("the sequencer is closed"));
    }

    private long pollMillis() {
        return Math.max(1, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(checkpointPeriodNanos)));
    }

    private void process(List<Pending> drained) throws IOException {
        LedgerState state = log.state();
        long now = clock.millis();
        List<ValidatedEntry> accepted = new ArrayList<>(drained.size());
        List<Pending> waiting = new ArrayList<>(drained.size());
        List<Pending> checkpointRequests = new ArrayList<>();
        for (Pending pending : drained) {
            if (pending.entry() == null) {
                checkpointRequests.add(pending);
                continue;
            }
            try {
                long judgedAt = pending.receivedAtMillis() < 0 ? now : Math.min(now, pending.receivedAtMillis());
                ValidatedEntry entry = state.check(pending.entry(), judgedAt);
                state.apply(entry);
                accepted.add(entry);
                waiting.add(pending);
            } catch (EntryRejectedException e) {
                pending.result().completeExceptionally(e);
            }
        }
        if (!accepted.isEmpty()) {
            long first = log.appendDurably(accepted);
            for (int i = 0; i < waiting.size(); i++) {
                waiting.get(i).result().complete(new AppendReceipt(first + i, accepted.get(i).leafHash()));
            }
            appendListeners.forEach(Runnable::run);
        }
        if (!checkpointRequests.isEmpty()) {
            maybeCheckpoint(true);
            checkpointRequests.forEach(p -> p.result().complete(null));
        } else if (log.size() - Math.max(0, log.latestCheckpointSize()) >= checkpointEvery) {
            maybeCheckpoint(true);
        }
    }

    private void maybeCheckpoint(boolean now) throws IOException {
        boolean grown = log.size() > log.latestCheckpointSize();
        boolean due = System.nanoTime() - lastCheckpointNanos >= checkpointPeriodNanos;
        if (grown && (now || due) || now && log.latestCheckpointSize() < 0) {
            log.checkpoint();
            lastCheckpointNanos = System.nanoTime();
        }
    }

    private void fail(List<Pending> drained, Exception cause) {
        LOG.error("ledger sequencer stopped: storage failed ({}); reopen the log to continue", cause.toString());
        failure = new SequencerFailedException("ledger storage failed; the sequencer stopped", cause);
        running = false;
        drained.forEach(p -> p.result().completeExceptionally(failure));
        failRemaining(failure);
    }

    private void failRemaining(RuntimeException cause) {
        Pending pending;
        while ((pending = queue.poll()) != null) {
            if (pending != STOP) {
                pending.result().completeExceptionally(cause);
            }
        }
    }

    /** Stops taking entries; what was acknowledged is on disk. Does not close the log. */
    @Override
    public void close() {
        running = false;
        queue.offer(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
