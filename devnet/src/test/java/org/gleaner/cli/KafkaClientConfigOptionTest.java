package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that talks to Kafka takes {@code --kafka-client-config} and refuses a bad file in one line before it
 * starts anything (the file's rules themselves: KafkaClientSettingsTest; signing in for real: SecuredCrawlIT).
 */
class KafkaClientConfigOptionTest {
    private static final String COORDINATOR_KEY = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"pw-never-shown\";";

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedStream err = CapturedStream.stderr();

    private List<String> command(String name, Path clientConfig) {
        List<String> args = new ArrayList<>(switch (name) {
            case "node" -> List.of("node", "run", "--coordinator", "http://127.0.0.1:1", "--coordinator-key", COORDINATOR_KEY,
                    "--share", "1MB/s", "--data-dir", dir.resolve("node").toString());
            case "coordinator" -> List.of("coordinator", "serve", "--key", dir.resolve("coordinator.key").toString());
            case "coordinator-shared" -> List.of("coordinator", "serve-shared", "--key", dir.resolve("coordinator.key").toString(),
                    "--peer-token-file", dir.resolve("peer.token").toString());
            case "ledger" -> List.of("ledger", "serve", "--data-dir", dir.resolve("ledger").toString(), "--port", "0");
            case "builder-run" -> List.of("builder", "run", "--root", dir.resolve("datasets").toString(), "--dataset", "web",
                    "--key", dir.resolve("builder.key").toString(), "--dataset-version", "1");
            case "builder-serve" -> List.of("builder", "serve", "--root", dir.resolve("datasets").toString(), "--dataset", "web",
                    "--key", dir.resolve("builder.key").toString());
            case "topics" -> List.of("topics", "create");
            default -> throw new IllegalArgumentException(name);
        });
        args.addAll(List.of("--kafka", "127.0.0.1:1", "--kafka-client-config", clientConfig.toString()));
        return args;
    }

    private Path file(String text, String permissions) throws Exception {
        Path file = dir.resolve("client-" + System.nanoTime() + ".properties");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "coordinator", "coordinator-shared", "ledger", "builder-run", "builder-serve", "topics"})
    void aSettingTheServiceOwnsIsRefusedBeforeAnythingStarts(String name) throws Exception {
        Path bad = file("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=" + JAAS
                + "\nenable.idempotence=false\n", "rw-------");

        int exit = GleanerCli.run(command(name, bad).toArray(String[]::new));

        String output = err.text();
        assertThat(exit).as(output).isEqualTo(2);
        assertThat(output).contains("--kafka-client-config: " + bad + ": 'enable.idempotence' is not allowed here")
                .doesNotContain("pw-never-shown");
        assertThat(dir.resolve("node")).as("nothing created").doesNotExist();
        assertThat(dir.resolve("ledger")).doesNotExist();
        assertThat(dir.resolve("coordinator.key")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "coordinator", "coordinator-shared", "ledger", "builder-run", "builder-serve", "topics"})
    void credentialsOthersCanReadAreRefused(String name) throws Exception {
        Path open = file("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=" + JAAS + "\n", "rw-r--r--");

        int exit = GleanerCli.run(command(name, open).toArray(String[]::new));

        String output = err.text();
        assertThat(exit).as(output).isEqualTo(2);
        assertThat(output).contains("holds Kafka credentials but is readable by group or others (chmod 600 it)")
                .doesNotContain("pw-never-shown");
    }

    @Test
    void theClientFileIsAKeyOfAServicesConfigFile() throws Exception {
        Path bad = file("bootstrap.servers=elsewhere:9092\n", "rw-------");
        Path config = file("""
                coordinator = http://127.0.0.1:1
                coordinator-key = %s
                kafka = 127.0.0.1:1
                kafka-client-config = %s
                share = 1MB/s
                data-dir = %s
                """.formatted(COORDINATOR_KEY, bad, dir.resolve("node")), "rw-------");

        int exit = GleanerCli.run("node", "run", "--config", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.text()).contains("'bootstrap.servers' is not allowed here")
                .contains("give the servers with --kafka");
    }
}
