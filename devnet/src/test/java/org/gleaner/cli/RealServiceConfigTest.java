package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --config} on the real service commands of {@code gleaner} (refusals only: nothing is started). */
class RealServiceConfigTest {
    @TempDir
    Path dir;

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ledger serve", "coordinator serve", "node run"})
    void everyServiceCommandTakesAConfigFile(String command) {
        String[] args = (command + " --help").split(" ");
        assertThat(GleanerCli.run(args)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--config=FILE");
    }

    @Test
    void otherCommandsDoNotTakeOne() {
        assertThat(GleanerCli.run("node", "status", "--data-dir", dir.toString(), "--config", "x.properties")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option").contains("--config");
    }

    @Test
    void aNodeConfigWithAnUnknownKeyIsRefused() throws Exception {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, "kafka = 127.0.0.1:9092\nbandwidth = 2MB/s\n");
        assertThat(GleanerCli.run("node", "run", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).doesNotContain("\n")
                .contains("unknown key 'bandwidth'").contains("gleaner node run");
    }

    @Test
    void aTypedOptionOverridesTheNodeConfig() throws Exception {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, String.join("\n", "coordinator = http://127.0.0.1:8470", "coordinator-key = " + "ab".repeat(32),
                "kafka = 127.0.0.1:9092", "share = 2MB/s", "data-dir = " + dir.resolve("node"), ""));
        // the file's share is valid; the typed one is not, and it is the one used
        assertThat(GleanerCli.run("node", "run", "--config", file.toString(), "--share", "lots")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("got: lots");
    }
}
