package org.gleaner.builder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The builder commands' arguments: help, and a one-line reason with exit status 2 for bad input. */
class BuilderCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final StringWriter picocliErr = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setErr(new PrintWriter(picocliErr));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    private String[] common(String... more) {
        String[] base = {"--root", dir.resolve("out").toString(), "--dataset", "demo", "--kafka", "127.0.0.1:1",
            "--key", dir.resolve("builder.key").toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void helpListsBothCommands() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new BuilderCommand());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--help")).isZero();
        assertThat(out.toString()).contains("run", "serve", "sweep");
        assertThat(run(new BuilderCommand(), "sweep", "--help")).as(picocliErr::toString).isZero();
        assertThat(run(new BuilderCommand(), "run", "--help")).as(picocliErr::toString).isZero();
        assertThat(run(new BuilderCommand(), "serve", "--help")).as(picocliErr::toString).isZero();
    }

    @Test
    void missingOptionsAreAUsageError() {
        assertThat(run(new BuilderCommand(), "run", "--root", dir.toString())).isEqualTo(2);
        assertThat(picocliErr.toString()).contains("Missing required option");
    }

    @Test
    void badValuesExitTwoWithOneLineReason() throws Exception {
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(run(new BuilderRunCommand(System.out, errStream), common("--dataset-version", "1", "--parts", "0"))).isEqualTo(2);
        assertThat(run(new BuilderRunCommand(System.out, errStream), common("--dataset-version", "../x"))).isEqualTo(2);
        assertThat(run(new BuilderRunCommand(System.out, errStream), common("--dataset-version", "1", "--purpose", "Train AI"))).isEqualTo(2);
        assertThat(run(new BuilderServeCommand(errStream), common("--build-min-pages", "0"))).isEqualTo(2);
        assertThat(run(new BuilderServeCommand(errStream), common("--retention-keep-last", "-1"))).isEqualTo(2);
        assertThat(run(new BuilderServeCommand(errStream), common("--metrics-listen", "0.0.0.0:9464"))).isEqualTo(2);
        assertThat(run(new BuilderServeCommand(errStream), common("--metrics-listen", "metrics.example:9464"))).isEqualTo(2);
        assertThat(run(new BuilderSweepCommand(System.out, errStream), "--root", dir.toString(), "--dataset", "demo",
                "--keep-days", "-3")).isEqualTo(2);
        assertThat(run(new BuilderSweepCommand(System.out, errStream), "--root", dir.toString(), "--dataset", "absent"))
                .isEqualTo(2);
        assertThat(run(new BuilderRunCommand(System.out, errStream),
                common("--dataset-version", "1", "--ledger", "http://127.0.0.1:1"))).isEqualTo(2);
        Path badPolicy = dir.resolve("quality.properties");
        java.nio.file.Files.writeString(badPolicy, "no_such_rule = 3\n");
        assertThat(run(new BuilderServeCommand(errStream), common("--quality-policy", badPolicy.toString()))).isEqualTo(2);
        assertThat(run(new BuilderRunCommand(System.out, errStream),
                common("--dataset-version", "1", "--quality-policy", dir.resolve("missing.properties").toString()))).isEqualTo(2);
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("--quality-policy " + badPolicy, "--quality-policy " + dir.resolve("missing.properties"));
        assertThat(text).contains("parts must be 1 to 4096", "version must match", "purpose must match",
                "buildMinPages must be at least 1", "--ledger-key is required with --ledger", "keep-last must be 0 to",
                "keep-days must be 0 to 36500", "no dataset directory",
                "--metrics-listen: 0.0.0.0 is not a loopback address", "--metrics-listen must be HOST:PORT with a loopback host");
        assertThat(text.lines()).allSatisfy(line -> assertThat(line).startsWith("gleaner builder "));
    }
}
