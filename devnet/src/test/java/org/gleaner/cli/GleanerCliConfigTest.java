package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code --config FILE} on service commands, driven through the same entry point as {@code gleaner}. */
class GleanerCliConfigTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final Fixture fixture = new Fixture();

    /** A small service command standing in for the real ones, so its parsed values can be inspected. */
    @Command(name = "fixture", subcommands = Fixture.Serve.class)
    static final class Fixture implements Runnable {
        @Override
        public void run() {
        }

        @Command(name = "serve", mixinStandardHelpOptions = true)
        static final class Serve implements Callable<Integer> {
            static Serve last;

            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;

            @Option(names = "--kafka", required = true)
            String kafka;

            @Option(names = "--port", defaultValue = "8080")
            int port;

            @Option(names = "--seed")
            List<String> seeds = new ArrayList<>();

            @Option(names = "--verbose")
            boolean verbose;

            @Option(names = "--kafka-password")
            String password;

            @Override
            public Integer call() {
                last = this;
                if (password != null && password.length() < 12) {
                    // a careless message, as a library might write: the handler must still hide the value
                    throw new CommandLine.ParameterException(spec.commandLine(), "--kafka-password too short: " + password);
                }
                if (password != null && password.startsWith("fail")) {
                    throw new IllegalStateException("authentication failed for password " + password);
                }
                return 0;
            }
        }
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(fixture).setErr(new PrintWriter(err, true));
        return GleanerCli.execute(cli, List.of(List.of("serve")), args);
    }

    private Path config(String text) throws Exception {
        Path file = dir.resolve("serve.properties");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void aRequiredOptionCanComeFromTheFile() throws Exception {
        Path file = config("kafka = broker-1:9092,broker-2:9092\nport = 9000\n");
        assertThat(run("serve", "--config", file.toString())).isZero();
        assertThat(Fixture.Serve.last.kafka).isEqualTo("broker-1:9092,broker-2:9092");
        assertThat(Fixture.Serve.last.port).isEqualTo(9000);
    }

    @Test
    void theCommandLineWinsOverTheFile() throws Exception {
        Path file = config("kafka = from-file:9092\nport = 9000\nseed = http://a.test/,http://b.test/\n");
        assertThat(run("serve", "--port=9001", "--config=" + file, "--seed", "http://typed.test/")).isZero();
        assertThat(Fixture.Serve.last.port).isEqualTo(9001);
        assertThat(Fixture.Serve.last.kafka).isEqualTo("from-file:9092");
        assertThat(Fixture.Serve.last.seeds).containsExactly("http://typed.test/");
    }

    @Test
    void listsAreCommaSeparatedAndFlagsAreTrueOrFalse() throws Exception {
        Path file = config("kafka = k:1\nseed = http://a.test/, http://b.test/\nverbose = true\n");
        assertThat(run("serve", "--config", file.toString())).isZero();
        assertThat(Fixture.Serve.last.seeds).containsExactly("http://a.test/", "http://b.test/");
        assertThat(Fixture.Serve.last.verbose).isTrue();

        assertThat(run("serve", "--config", config("kafka = k:1\nverbose = false\n").toString())).isZero();
        assertThat(Fixture.Serve.last.verbose).isFalse();

        assertThat(run("serve", "--config", config("kafka = k:1\nverbose = yes\n").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("key 'verbose' takes true or false");
    }

    @Test
    void anUnknownKeyIsRefusedInOneLineNamingIt() throws Exception {
        Path file = config("kafka = k:1\nprot = 9000\n");
        assertThat(run("serve", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("gleaner: ")
                .contains("unknown key 'prot'").contains("fixture serve");
    }

    @Test
    void helpAndTheConfigOptionItselfAreNotKeys() throws Exception {
        assertThat(run("serve", "--config", config("kafka = k:1\nhelp = true\n").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown key 'help'");
        assertThat(run("serve", "--config", config("config = other.properties\n").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown key 'config'");
    }

    @Test
    void aBadValueFromTheFileIsReportedLikeATypedOne() throws Exception {
        assertThat(run("serve", "--config", config("kafka = k:1\nport = eighty\n").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--port").contains("eighty");
    }

    @Test
    void givingTwoFilesIsRefused() throws Exception {
        Path file = config("kafka = k:1\n");
        assertThat(run("serve", "--config", file.toString(), "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--config given twice");
    }

    @Test
    void aSecretFromTheFileIsNeverPrinted() throws Exception {
        Path file = config("kafka = k:1\nkafka-password = hunter2\n");
        assertThat(run("serve", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--kafka-password too short").contains("(hidden)").doesNotContain("hunter2");

        Path failing = config("kafka = k:1\nkafka-password = fail-correct-horse-battery\n");
        assertThat(run("serve", "--config", failing.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("authentication failed").doesNotContain("fail-correct-horse-battery");
    }

    @Test
    void withoutConfigTheCommandParsesAsBefore() {
        assertThat(run("serve", "--kafka", "k:1")).isZero();
        assertThat(Fixture.Serve.last.kafka).isEqualTo("k:1");
        assertThat(run("serve")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--kafka");
    }
}
