package org.gleaner.devnet.ledger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Starts the ledger service on its own thread, so the crawl can begin while Spring Boot starts, and closes
 * it whatever happens once it has started.
 */
public final class LedgerStartup implements AutoCloseable {
    private final CompletableFuture<DevnetLedger> started;

    private LedgerStartup(CompletableFuture<DevnetLedger> started) {
        this.started = started;
    }

    public static LedgerStartup begin(Supplier<DevnetLedger> start) {
        CompletableFuture<DevnetLedger> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(start.get());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "ledger-startup");
        thread.setDaemon(true);
        thread.start();
        return new LedgerStartup(future);
    }

    public CompletableFuture<DevnetLedger> future() {
        return started;
    }

    /** The running ledger, waiting for it to start; a failed start is rethrown as it was. */
    public DevnetLedger await() throws Exception {
        return Futures.await(started);
    }

    @Override
    public void close() {
        try {
            started.join().close();
        } catch (CompletionException e) {
            // It never started: there is nothing to close, and the caller already saw the failure.
        }
    }
}
