package org.gleaner.builder.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
        List<Task<R>> parts = new ArrayList<>();
        for (List<T> slice : slices(items)) {
            parts.add(submit(slice, work));
        }
        List<R> out = new ArrayList<>(items.size());
        try {
            for (Task<R> part : parts) {
                out.addAll(part.join());
            }
        } finally {
            parts.forEach(Task::cancel);
        }
        return out;
    }

    /**
     * {@code items} cut into the slices {@link #map} hands out: small ones (not one per worker) balance pages of
     * very different sizes between the threads; one slice with a single worker.
     */
    public <T> List<List<T>> slices(List<T> items) {
        if (pool == null || items.size() < 2) {
            return items.isEmpty() ? List.of() : List.of(items);
        }
        int slice = Math.max(1, Math.min(16, items.size() / (workers * 4)));
        List<List<T>> slices = new ArrayList<>();
        for (int from = 0; from < items.size(); from += slice) {
            slices.add(items.subList(from, Math.min(items.size(), from + slice)));
        }
        return slices;
    }

    /**
     * {@code work} applied to every item of {@code items} as one task on a worker, in a queue shared with every
     * task submitted before it; with a single worker, at once on the caller's thread. The caller collects the
     * results with {@link Task#join}, so it can do ordered work on earlier results while later ones run.
     */
    public <T, R> Task<R> submit(List<T> items, Function<? super T, ? extends R> work) {
        if (pool == null) {
            return new Task<>(CompletableFuture.completedFuture(apply(items, work)));
        }
        return new Task<>(pool.submit(() -> apply(items, work)));
    }

    private static <T, R> List<R> apply(List<T> items, Function<? super T, ? extends R> work) {
        List<R> out = new ArrayList<>(items.size());
        for (T item : items) {
            out.add(work.apply(item));
        }
        return out;
    }

    /** The results of one submitted slice, in its items' order. */
    public static final class Task<R> {
        private final Future<List<R>> future;

        private Task(Future<List<R>> future) {
            this.future = future;
        }

        public boolean isDone() {
            return future.isDone();
        }

        /** The results, waiting for them; what the work threw is rethrown here. */
        public List<R> join() {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while converting pages", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Gives up on the results: a task not started yet never runs. */
        public void cancel() {
            future.cancel(true);
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
