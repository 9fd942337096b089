package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GleanerCliTest {
    @RegisterExtension
    final CapturedStream out = CapturedStream.stdout();
    @RegisterExtension
    final CapturedStream err = CapturedStream.stderr();

    @Test
    void helpListsTheDevnetCommand() {
        assertThat(GleanerCli.run("--help")).isZero();
        assertThat(out.text()).contains("devnet");
    }

    @Test
    void devnetHasHelp() {
        assertThat(GleanerCli.run("devnet", "--help")).isZero();
        assertThat(out.text()).contains("--keep-running").contains("--nodes");
    }

    @Test
    void unknownOptionIsOneLineAndExitCodeTwo() {
        assertThat(GleanerCli.run("devnet", "--bogus")).isEqualTo(2);
        String message = err.text().strip();
        assertThat(message).startsWith("gleaner: ").contains("--bogus").doesNotContain("\n");
    }

    @Test
    void outOfRangeNodeCountIsRefused() {
        assertThat(GleanerCli.run("devnet", "--nodes", "0")).isEqualTo(2);
        assertThat(err.text()).contains("--nodes must be between 1 and 8");
    }

    @Test
    void unknownCommandIsRefused() {
        assertThat(GleanerCli.run("frobnicate")).isEqualTo(2);
        assertThat(err.text().strip()).startsWith("gleaner: ");
    }
}
