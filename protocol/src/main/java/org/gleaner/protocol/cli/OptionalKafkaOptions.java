package org.gleaner.protocol.cli;

import picocli.CommandLine.Option;

/** The Kafka connection of a command that also runs without Kafka ({@link #isSet()} tells which). */
public final class OptionalKafkaOptions extends KafkaClientOptions {
    @Option(names = {"--kafka", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (optional).")
    String servers;

    @Override
    protected String servers() {
        return servers;
    }
}
