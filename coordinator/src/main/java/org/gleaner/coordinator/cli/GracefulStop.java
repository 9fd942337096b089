package org.gleaner.coordinator.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * On SIGTERM or Ctrl-C, interrupts the thread that runs a service and waits until it has closed what it opened (it
 * closes this last), so an instance leaves its consumer group at once: its partitions move in seconds, not after the
 * session timeout. Waiting on a latch rather than on the thread: the thread goes on to {@code System.exit}, which
 * blocks until this hook returns.
 */
final class GracefulStop implements AutoCloseable {
    private static final long WAIT_SECONDS = 30;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    GracefulStop() {
        Thread service = Thread.currentThread();
        hook = new Thread(() -> {
            if (closed.getCount() > 0) {
                service.interrupt();
                try {
                    closed.await(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook sees the latch open and returns
        }
    }
}
