package org.gleaner.builder.api;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the dataset API.
 *
 * @param root              the published datasets, {@code ROOT/DATASET/vVERSION/}
 * @param host              the address to listen on (127.0.0.1 unless a proxy in front terminates TLS)
 * @param port              0 for any free port
 * @param requestsPerPeriod each lab's request budget per {@code ratePeriod}
 * @param coordinator       the coordinator's REST base URL for the job calls, or null
 * @param coordinatorToken  the coordinator's job API token, held by this server only; null without a coordinator
 */
public record DatasetApiSettings(Path root, String host, int port, LabKeys keys, int requestsPerPeriod, Duration ratePeriod,
        URI coordinator, String coordinatorToken) {

    public static final int DEFAULT_REQUESTS_PER_SECOND = 20;

    public DatasetApiSettings {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(ratePeriod, "ratePeriod");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        if ((coordinator == null) != (coordinatorToken == null)) {
            throw new IllegalArgumentException("a coordinator needs its token, and a token its coordinator");
        }
        if (coordinator != null && !("http".equals(coordinator.getScheme()) || "https".equals(coordinator.getScheme()))) {
            throw new IllegalArgumentException("the coordinator URL must be http or https");
        }
    }

    /** 127.0.0.1, any free port, {@value #DEFAULT_REQUESTS_PER_SECOND} requests per second per lab, no coordinator. */
    public static DatasetApiSettings of(Path root, LabKeys keys) {
        return new DatasetApiSettings(root, "127.0.0.1", 0, keys, DEFAULT_REQUESTS_PER_SECOND, Duration.ofSeconds(1), null, null);
    }

    public DatasetApiSettings withPort(String host, int port) {
        return new DatasetApiSettings(root, host, port, keys, requestsPerPeriod, ratePeriod, coordinator, coordinatorToken);
    }

    public DatasetApiSettings withRateLimit(int requests, Duration period) {
        return new DatasetApiSettings(root, host, port, keys, requests, period, coordinator, coordinatorToken);
    }

    public DatasetApiSettings withCoordinator(URI url, String token) {
        return new DatasetApiSettings(root, host, port, keys, requestsPerPeriod, ratePeriod, url, token);
    }

    @Override
    public String toString() {
        return "DatasetApiSettings[root=" + root + ", " + host + ":" + port + ", " + keys + ", " + requestsPerPeriod + "/"
                + ratePeriod + ", coordinator=" + coordinator + "]";
    }
}
