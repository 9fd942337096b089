package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gleaner.cli.config.ConfigOption;
import org.gleaner.protocol.kafka.KafkaClientSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * The example configuration files of docs/deploy.md are real: every key is an option of its command, every
 * value converts, every required option is present, and the page names the file.
 */
class DeployExamplesTest {
    private static final Path DOCS = Path.of("..", "docs");

    @ParameterizedTest
    @CsvSource({"ledger.properties, ledger serve", "coordinator.properties, coordinator serve", "node.properties, node run",
            "builder.properties, builder serve"})
    void exampleConfigParsesForItsCommand(String file, String command) throws Exception {
        Path example = DOCS.resolve("deploy").resolve(file);
        assertThat(Files.readString(example)).startsWith("# gleaner " + command + " --config ");

        CommandLine cli = new CommandLine(new GleanerCli());
        ConfigOption.addTo(cli, ConfigOption.SERVICE_COMMANDS);
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--config", example.toString()));
        ConfigOption.Applied applied = ConfigOption.apply(cli, args.toArray(String[]::new));
        assertThat(applied.config().entries()).isNotEmpty();

        // picocli parses exactly as it would before running the command: conversions and required options
        CommandLine.ParseResult parsed = cli.parseArgs(applied.args());
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        assertThat(leaf.commandSpec().qualifiedName()).isEqualTo("gleaner " + command);
        for (String key : applied.config().entries().keySet()) {
            assertThat(leaf.hasMatchedOption("--" + key)).as(file + ": " + key).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({"kafka-node-client.properties, node run", "kafka-service-client.properties, coordinator serve"})
    void exampleKafkaClientFileHoldsOnlyAcceptedSettings(String file, String command) throws Exception {
        Path example = DOCS.resolve("deploy").resolve(file);
        assertThat(Files.readString(example)).startsWith("# gleaner " + command + " ");
        java.util.Properties properties = new java.util.Properties();
        try (var reader = Files.newBufferedReader(example)) {
            properties.load(reader);
        }
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key).strip()));

        KafkaClientSettings checked = KafkaClientSettings.of(file, settings);

        assertThat(checked.securityProtocol()).isEqualTo("SASL_SSL");
        assertThat(checked.holdsSecrets()).isTrue();
        assertThat(checked.asStrings()).containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsKey("ssl.truststore.location");
    }

    @ParameterizedTest
    @CsvSource({"ledger.properties", "coordinator.properties", "node.properties", "builder.properties",
            "kafka-node-client.properties", "kafka-service-client.properties"})
    void deployPageShowsEachExample(String file) throws Exception {
        String page = Files.readString(DOCS.resolve("deploy.md"));
        assertThat(page).contains("deploy/" + file);
        // the page quotes the file as it is, so the two cannot drift apart
        assertThat(page).contains(Files.readString(DOCS.resolve("deploy").resolve(file)).strip());
    }
}
