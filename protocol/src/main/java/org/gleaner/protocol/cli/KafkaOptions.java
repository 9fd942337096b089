package org.gleaner.protocol.cli;

import picocli.CommandLine.Option;

/**
 * The Kafka connection of a command that cannot run without Kafka ({@code @Mixin KafkaOptions kafka}).
 * {@code --bootstrap-servers} is the same option under the name Kafka's own tools use.
 */
public final class KafkaOptions extends KafkaClientOptions {
    @Option(names = {"--kafka", "--bootstrap-servers"}, required = true, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers.")
    String servers;

    @Override
    protected String servers() {
        return servers;
    }
}
