package org.gleaner.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import org.gleaner.protocol.kafka.KafkaConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class KafkaOptionsTest {
    @TempDir
    Path dir;

    @Command(name = "serve")
    static final class Serve implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;
        KafkaConnection connection;

        @Override
        public Integer call() {
            connection = kafka.connection();
            return 0;
        }
    }

    @Command(name = "maybe")
    static final class Maybe implements Callable<Integer> {
        @Mixin
        OptionalKafkaOptions kafka;
        KafkaConnection connection;

        @Override
        public Integer call() {
            connection = kafka.connectionIfSet().orElse(null);
            return 0;
        }
    }

    private record Run(int exitCode, String err) {
    }

    private static Run run(Object command, String... args) {
        StringWriter err = new StringWriter();
        int code = new CommandLine(command).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, err.toString());
    }

    @Test
    void takesTheServersUnderEitherNameAndTheClientSettings() throws Exception {
        Path client = dir.resolve("client.properties");
        Files.writeString(client, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=x required;\n");
        Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rw-------"));
        Serve serve = new Serve();
        Serve legacy = new Serve();

        assertThat(run(serve, "--kafka", "k1:9092,k2:9092", "--kafka-client-config", client.toString()).exitCode()).isZero();
        assertThat(run(legacy, "--bootstrap-servers", "k1:9092").exitCode()).isZero();

        assertThat(serve.connection.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(serve.connection.settings().asMap()).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(legacy.connection).isEqualTo(KafkaConnection.plaintext("k1:9092"));
    }

    @Test
    void aBadSettingsFileIsAOneLineUsageError() throws Exception {
        Path client = dir.resolve("client.properties");
        Files.writeString(client, "bootstrap.servers=elsewhere:9092\n");

        Run run = run(new Serve(), "--kafka", "k1:9092", "--kafka-client-config", client.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("--kafka-client-config: " + client + ": 'bootstrap.servers' is not allowed here");
        assertThat(run.err().lines().findFirst().orElseThrow()).contains("give the servers with --kafka");
    }

    @Test
    void theServersAreRequiredOnlyWhereKafkaIs() {
        Maybe without = new Maybe();

        assertThat(run(new Serve()).err()).contains("Missing required option: '--bootstrap-servers=HOST:PORT[,...]'");
        assertThat(run(without).exitCode()).isZero();
        assertThat(without.connection).isNull();
        assertThat(run(new Maybe(), "--kafka-client-config", "x.properties").err()).startsWith("--kafka-client-config needs --kafka");
    }
}
