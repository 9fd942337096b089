package org.gleaner.builder.service;

import java.time.Duration;
import java.util.Objects;
import org.gleaner.builder.build.DatasetBuilderConfig;

/**
 * How {@link BuilderService} runs.
 *
 * @param build          the dataset, its root, Kafka settings, parts and privacy (its version is replaced for
 *                       each build: the next whole number after the highest existing one)
 * @param bootstrapServers the Kafka cluster
 * @param pagesTopic     where pages come from
 * @param buildMinPages  build as soon as this many pages wait
 * @param buildEvery     otherwise build when any page waits and this much time passed since the last build
 * @param poll           how often the ledger and the backlog are checked
 * @param idleTimeout    a build stops after this long without records
 * @param maxBuild       a build stops after this long in any case
 */
public record BuilderServiceSettings(DatasetBuilderConfig build, String bootstrapServers, String pagesTopic, long buildMinPages,
        Duration buildEvery, Duration poll, Duration idleTimeout, Duration maxBuild) {
    public BuilderServiceSettings {
        Objects.requireNonNull(build, "build");
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is required");
        }
        if (pagesTopic == null || pagesTopic.isBlank()) {
            throw new IllegalArgumentException("pagesTopic is required");
        }
        if (buildMinPages < 1) {
            throw new IllegalArgumentException("buildMinPages must be at least 1");
        }
        for (Duration d : new Duration[] {buildEvery, poll, idleTimeout, maxBuild}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive");
            }
        }
    }
}
