package org.gleaner.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import org.gleaner.cli.CapturedStream;
import org.gleaner.cli.GleanerCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DevnetCommandTest {
    @RegisterExtension
    final CapturedStream err = CapturedStream.stderr();
    @RegisterExtension
    final CapturedStream out = CapturedStream.stdout();

    @Test
    void twoNodesCannotCheckACheatSoTheyMustBeHonest() {
        assertThat(GleanerCli.run("devnet", "--nodes", "2")).isEqualTo(2);
        String message = err.text().strip();
        assertThat(message).startsWith("gleaner devnet: ").contains("--honest").doesNotContain("\n");
    }

    @Test
    void helpNamesTheStoryAndTheHonestSwitch() {
        assertThat(GleanerCli.run("devnet", "--help")).isZero();
        assertThat(out.text()).contains("--honest").contains("consent ledger").contains("misbehaving");
    }
}
