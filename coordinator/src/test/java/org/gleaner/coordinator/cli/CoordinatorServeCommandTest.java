package org.gleaner.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CoordinatorServeCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new CoordinatorCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void hasHelp() {
        assertThat(run("serve", "--help")).isZero();
        assertThat(out.toString()).contains("--bootstrap-servers").contains("--epoch-minutes").contains("--instance")
                .contains("--spot-check-bound-seconds");
    }

    @Test
    void refusesBadInputBeforeTouchingKafka() {
        String key = dir.resolve("c.key").toString();
        assertThat(run("serve", "--bootstrap-servers", "127.0.0.1:1", "--key", key, "--listen", "nonsense")).isEqualTo(2);
        assertThat(err.toString()).contains("--listen must be host:port");
        assertThat(run("serve", "--bootstrap-servers", "127.0.0.1:1", "--key", key, "--epoch-minutes", "0")).isEqualTo(2);
        assertThat(run("serve", "--bootstrap-servers", "127.0.0.1:1", "--key", key, "--spot-check-bound-seconds", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--spot-check-bound-seconds must be between 0 and 86400");
        assertThat(run("serve-shared", "--bootstrap-servers", "127.0.0.1:1", "--key", key, "--peer-token-file",
                dir.resolve("missing").toString(), "--spot-check-bound-seconds", "86401")).isEqualTo(2);
        assertThat(err.toString().split("--spot-check-bound-seconds must be", -1)).as("both commands say why").hasSize(3);
        assertThat(run("serve", "--bootstrap-servers", "127.0.0.1:1", "--key", key, "--job-id", "bad id!", "--seed",
                "http://a.example/", "--host", "a.example")).isEqualTo(2);
        assertThat(err.toString()).contains("jobId");
        assertThat(run("serve", "--key", key)).isEqualTo(2);
    }

    @Test
    void sharedModeHasHelpAndRefusesBadInputBeforeTouchingKafka() throws Exception {
        assertThat(run("serve-shared", "--help")).isZero();
        assertThat(out.toString()).contains("--peer").contains("--peer-token-file");
        String key = dir.resolve("c.key").toString();
        Path token = dir.resolve("peer.token");
        java.nio.file.Files.writeString(token, "short");
        assertThat(run("serve-shared", "--bootstrap-servers", "127.0.0.1:1", "--key", key, "--peer-token-file", token.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("32-256 characters");
        java.nio.file.Files.writeString(token, "x".repeat(40));
        assertThat(run("serve-shared", "--bootstrap-servers", "127.0.0.1:1", "--key", key, "--peer-token-file", token.toString(),
                "--peer", "not a url")).isEqualTo(2);
        assertThat(err.toString()).contains("--peer must be");
        assertThat(run("serve-shared", "--bootstrap-servers", "127.0.0.1:1", "--key", key, "--peer-token-file",
                dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such file");
    }

    @Test
    void sharedModeChecksItsApiAndEpochOptions() throws Exception {
        assertThat(run("serve-shared", "--help")).isZero();
        assertThat(out.toString()).contains("--api-listen").contains("--api-token-file").contains("--epoch-minutes");
        String key = dir.resolve("c.key").toString();
        Path token = dir.resolve("peer.token");
        java.nio.file.Files.writeString(token, "x".repeat(40));
        String[] base = {"serve-shared", "--bootstrap-servers", "127.0.0.1:1", "--key", key, "--peer-token-file", token.toString()};
        assertThat(run(concat(base, "--epoch-minutes", "0"))).isEqualTo(2);
        assertThat(err.toString()).contains("--epoch-minutes must be between 1 and 10080");
        assertThat(run(concat(base, "--api-listen", "nonsense"))).isEqualTo(2);
        assertThat(err.toString()).contains("--api-listen must be host:port");
        assertThat(run(concat(base, "--api-token-file", dir.resolve("no-api-token").toString()))).isEqualTo(2);
        assertThat(err.toString()).contains("--api-token-file: no such file");
        java.nio.file.Files.writeString(dir.resolve("short-api-token"), "short");
        assertThat(run(concat(base, "--api-token-file", dir.resolve("short-api-token").toString()))).isEqualTo(2);
        assertThat(err.toString()).contains("--api-token-file: the API token must be 32-256 characters");
        assertThat(java.nio.file.Files.exists(dir.resolve("c.key"))).as("refused before any key was created").isFalse();
    }

    private static String[] concat(String[] base, String... more) {
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }
}
