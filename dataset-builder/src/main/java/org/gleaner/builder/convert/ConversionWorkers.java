package org.gleaner.builder.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs the per-page work of a batch (decoding, conversion, MinHash) on several threads and hands the results
 * back in the batch's order, so that everything order-dependent after it (dedup, writing) sees exactly what a
 * single thread would have produced. With one worker it runs on the caller's thread. The batch is split into
 * one contiguous slice per worker. A {@link RuntimeException} or {@link Error} thrown by the work is rethrown
 * on the caller's thread.
 */
public final class ConversionWorkers implements AutoCloseable {
    /** More threads than this never helps: the work is CPU-bound and ordered writing is serial. */
    public static final int MAX_WORKERS = 64;

    private final int workers;
    private final ExecutorService pool;

    public ConversionWorkers(int workers) {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be 1-" + MAX_WORKERS + ": " + workers);
        }
        this.workers = workers;
        this.pool = workers == 1 ? null : Executors.newFixedThreadPool(workers, daemonThreads());
    }

    public int workers() {
        return workers;
    }

    /** {@code work} applied to every item, results in the items' order. */
    public <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> work) {
        if (pool == null || items.size() < 2) {
            List<R> out = new ArrayList<>(items.size());
            for (T item : items) {
                out.add(work.apply(item));
            }
            return out;
        }
        // Small slices (not one per worker) balance pages of very different sizes between the threads.
        int slice = Math.max(1, Math.min(16, items.size() / (workers * 4)));
        List<Future<List<R>>> parts = new ArrayList<>();
        for (int from = 0; from < items.size(); from += slice) {
            List<T> part = items.subList(from, Math.min(items.size(), from + slice));
            parts.add(pool.submit(() -> {
                List<R> out = new ArrayList<>(part.size());
                for (T item : part) {
                    out.add(work.apply(item));
                }
                return out;
            }));
        }
        List<R> out = new ArrayList<>(items.size());
        for (Future<List<R>> part : parts) {
            out.addAll(await(part, parts));
        }
        return out;
    }

    private static <R> List<R> await(Future<List<R>> part, List<? extends Future<?>> all) {
        try {
            return part.get();
        } catch (InterruptedException e) {
            all.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while converting pages", e);
        } catch (ExecutionException e) {
            all.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "gleaner-builder-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
