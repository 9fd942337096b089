package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GleanerCliTest {
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

    @Test
    void helpListsTheDevnetCommand() {
        assertThat(GleanerCli.run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("devnet");
    }

    @Test
    void devnetHasHelp() {
        assertThat(GleanerCli.run("devnet", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--keep-running").contains("--nodes");
    }

    @Test
    void unknownOptionIsOneLineAndExitCodeTwo() {
        assertThat(GleanerCli.run("devnet", "--bogus")).isEqualTo(2);
        String message = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(message).startsWith("gleaner: ").contains("--bogus").doesNotContain("\n");
    }

    @Test
    void outOfRangeNodeCountIsRefused() {
        assertThat(GleanerCli.run("devnet", "--nodes", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--nodes must be between 1 and 8");
    }

    @Test
    void unknownCommandIsRefused() {
        assertThat(GleanerCli.run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("gleaner: ");
    }
}
