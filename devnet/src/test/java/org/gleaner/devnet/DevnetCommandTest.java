package org.gleaner.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.gleaner.cli.CapturedStderr;
import org.gleaner.cli.GleanerCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DevnetCommandTest {
    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    @Test
    void twoNodesCannotCheckACheatSoTheyMustBeHonest() {
        assertThat(GleanerCli.run("devnet", "--nodes", "2")).isEqualTo(2);
        String message = err.text().strip();
        assertThat(message).startsWith("gleaner devnet: ").contains("--honest").doesNotContain("\n");
    }

    @Test
    void helpNamesTheStoryAndTheHonestSwitch() {
        PrintStream originalOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(GleanerCli.run("devnet", "--help")).isZero();
        } finally {
            System.setOut(originalOut);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--honest").contains("consent ledger").contains("misbehaving");
    }
}
