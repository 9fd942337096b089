package org.gleaner.protocol.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.gleaner.protocol.kafka.KafkaClientSettings;
import org.gleaner.protocol.kafka.KafkaClientSettingsException;
import org.gleaner.protocol.kafka.KafkaConnection;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The Kafka connection options every service command shares: the bootstrap servers (in {@link KafkaOptions} or
 * {@link OptionalKafkaOptions}) and the client settings file for SASL and TLS.
 */
public abstract class KafkaClientOptions {
    public static final String CLIENT_CONFIG = "--kafka-client-config";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = CLIENT_CONFIG, paramLabel = "FILE",
            description = "Kafka client properties for signing in to Kafka: security.protocol, sasl.mechanism, sasl.jaas.config, "
                    + "ssl.truststore.location, ... (as Kafka's tools take with --command-config). Owner-only when it holds "
                    + "credentials. Without it: no authentication.")
    Path clientConfig;

    /** The bootstrap servers as given, or null. */
    protected abstract String servers();

    /** The connection, with the settings file read and checked; bad input is a one-line usage error. */
    public KafkaConnection connection() {
        String servers = servers();
        if (servers == null || servers.isBlank()) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--kafka must not be empty");
        }
        try {
            return new KafkaConnection(servers.strip(), clientConfig == null ? KafkaClientSettings.NONE : KafkaClientSettings.read(clientConfig));
        } catch (KafkaClientSettingsException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), CLIENT_CONFIG + ": " + e.getMessage());
        }
    }

    /** The connection when the servers were given; a settings file without servers is a usage error. */
    public Optional<KafkaConnection> connectionIfSet() {
        if (servers() == null) {
            if (clientConfig != null) {
                throw new CommandLine.ParameterException(mixee.commandLine(), CLIENT_CONFIG + " needs --kafka");
            }
            return Optional.empty();
        }
        return Optional.of(connection());
    }

    /** The client settings file as given (for a service that reads it again in its own process), or null. */
    public Path clientConfig() {
        return clientConfig;
    }
}
