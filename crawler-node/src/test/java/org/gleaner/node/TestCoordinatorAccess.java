package org.gleaner.node;

import java.io.IOException;
import java.util.List;

/** Lets tests in other packages use {@link TestCoordinator}. */
public final class TestCoordinatorAccess implements AutoCloseable {
    private final TestCoordinator coordinator = new TestCoordinator();

    public TestCoordinatorAccess() throws IOException {
    }

    public void lease(String host, List<String> urls) {
        coordinator.lease(host, urls, 0);
    }

    public String url() {
        return coordinator.url();
    }

    public byte[] publicKey() {
        return coordinator.key().publicKey().bytes();
    }

    public String origin() {
        return TestCoordinator.ORIGIN;
    }

    @Override
    public void close() {
        coordinator.close();
    }
}
