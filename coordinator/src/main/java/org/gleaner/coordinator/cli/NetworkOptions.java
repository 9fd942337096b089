package org.gleaner.coordinator.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Which network a coordinator serves and as whom, the same options for both serve commands: its key, the network's
 * origin and the topic prefix. A command may word the key's help for its mode through its resource bundle
 * (key {@code coordinator.key}).
 */
final class NetworkOptions {
    @Option(names = "--key", required = true, paramLabel = "FILE", descriptionKey = "coordinator.key",
            description = "The coordinator's Ed25519 key file (created, owner-only, if missing).")
    Path keyFile;

    @Option(names = "--origin", defaultValue = "gleaner.devnet", description = "The network's origin (default: ${DEFAULT-VALUE}).")
    String origin;

    @Option(names = "--topic-prefix", defaultValue = "gleaner", description = "Kafka topic prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    /** The topic names. @throws CommandLine.ParameterException for a prefix Kafka cannot take */
    Topics topics(CommandLine.Model.CommandSpec spec) {
        try {
            return new Topics(topicPrefix);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--topic-prefix: " + e.getMessage());
        }
    }

    /** The coordinator's key, created (owner-only) if the file does not exist. */
    Ed25519KeyPair loadOrCreateKey() throws IOException, org.gleaner.protocol.crypto.KeyFileException {
        return Ed25519KeyPair.loadOrCreate(keyFile);
    }
}
