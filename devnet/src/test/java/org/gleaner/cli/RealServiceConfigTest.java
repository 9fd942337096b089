package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --config} on the real service commands of {@code gleaner} (refusals only: nothing is started). */
class RealServiceConfigTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedStream out = CapturedStream.stdout();
    @RegisterExtension
    final CapturedStream err = CapturedStream.stderr();

    @ParameterizedTest
    @ValueSource(strings = {"ledger serve", "coordinator serve", "node run"})
    void everyServiceCommandTakesAConfigFile(String command) {
        String[] args = (command + " --help").split(" ");
        assertThat(GleanerCli.run(args)).isZero();
        assertThat(out.text()).contains("--config=FILE");
    }

    @Test
    void otherCommandsDoNotTakeOne() {
        assertThat(GleanerCli.run("node", "status", "--data-dir", dir.toString(), "--config", "x.properties")).isEqualTo(2);
        assertThat(err.text()).contains("Unknown option").contains("--config");
    }

    @Test
    void aNodeConfigWithAnUnknownKeyIsRefused() throws Exception {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, "kafka = 127.0.0.1:9092\nbandwidth = 2MB/s\n");
        assertThat(GleanerCli.run("node", "run", "--config", file.toString())).isEqualTo(2);
        assertThat(err.text().strip()).doesNotContain("\n")
                .contains("unknown key 'bandwidth'").contains("gleaner node run");
    }

    @Test
    void aTypedOptionOverridesTheNodeConfig() throws Exception {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, String.join("\n", "coordinator = http://127.0.0.1:8470", "coordinator-key = " + "ab".repeat(32),
                "kafka = 127.0.0.1:9092", "share = 2MB/s", "data-dir = " + dir.resolve("node"), ""));
        // the file's share is valid; the typed one is not, and it is the one used
        assertThat(GleanerCli.run("node", "run", "--config", file.toString(), "--share", "lots")).isEqualTo(2);
        assertThat(err.text()).contains("got: lots");
    }
}
