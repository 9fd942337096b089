package org.gleaner.builder.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gleaner.builder.manifest.DatasetsCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands a lab and an operator run: {@code datasets lab-key}, {@code datasets serve}, {@code datasets pull}. */
class DatasetsCliIT {
    private static final Pattern LISTENING = Pattern.compile("dataset API on (http://127\\.0\\.0\\.1:[0-9]+)");

    @TempDir
    Path dir;

    @Test
    void anOperatorCreatesALabKeyServesAndTheLabPulls() throws Exception {
        TestDatasets published = TestDatasets.publish(dir.resolve("datasets"));
        Files.writeString(dir.resolve("builder.vkey"), published.signer().verifier().encode());
        Path keys = dir.resolve("lab-keys");
        Path labKey = dir.resolve("lab-a.key");

        ByteArrayOutputStream keyOut = new ByteArrayOutputStream();
        int created = new CommandLine(new LabKeyCommand(new PrintStream(keyOut, true, StandardCharsets.UTF_8), System.err))
                .execute("--lab", "lab-a", "--keys-file", keys.toString(), "--out", labKey.toString());
        int again = new CommandLine(new LabKeyCommand(System.out, System.err))
                .execute("--lab", "lab-a", "--keys-file", keys.toString(), "--out", labKey.toString());

        assertThat(created).isZero();
        assertThat(again).isEqualTo(1);
        String key = Files.readString(labKey).strip();
        assertThat(key).startsWith("glk_");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(labKey))).isEqualTo("rw-------");
        assertThat(Files.readString(keys)).startsWith("lab-a sha256:").doesNotContain(key.substring(4)).hasLineCount(1);

        ByteArrayOutputStream serveErr = new ByteArrayOutputStream();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicInteger served = new AtomicInteger(-1);
        Thread server = new Thread(() -> served.set(new CommandLine(new ServeDatasetsCommand(
                new PrintStream(serveErr, true, StandardCharsets.UTF_8), stop)).execute("--root", dir.resolve("datasets").toString(),
                "--keys-file", keys.toString(), "--listen", "127.0.0.1:0")));
        server.start();
        String base = awaitListening(serveErr, server);

        CommandLine datasets = new CommandLine(new DatasetsCommand());
        int pulled = datasets.execute("pull", "news", "--to", dir.resolve("pulled").toString(), "--api", base,
                "--lab-key", labKey.toString(), "--builder-key", dir.resolve("builder.vkey").toString());
        stop.countDown();
        server.join(30_000);

        assertThat(pulled).isZero();
        assertThat(dir.resolve("pulled/news/v1/manifest.json")).isRegularFile();
        assertThat(served.get()).isZero();
        assertThat(datasets.getSubcommands()).containsKeys("verify", "pull", "deltas", "lab-key", "serve");
    }

    @Test
    void everyDatasetsCommandHasHelp() {
        for (String command : java.util.List.of("pull", "deltas", "lab-key", "serve")) {
            CommandLine datasets = new CommandLine(new DatasetsCommand());
            java.io.StringWriter help = new java.io.StringWriter();
            datasets.setOut(new java.io.PrintWriter(help, true));

            assertThat(datasets.execute(command, "--help")).as(command).isZero();
            assertThat(help.toString()).as(command).startsWith("Usage: datasets " + command);
        }
    }

    @Test
    void serveRefusesBadArgumentsInOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CommandLine(new ServeDatasetsCommand(new PrintStream(err, true, StandardCharsets.UTF_8), new CountDownLatch(0)))
                .execute("--root", dir.toString(), "--keys-file", dir.resolve("absent").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--keys-file").contains("does not exist").hasLineCount(1);
    }

    private static String awaitListening(ByteArrayOutputStream err, Thread server) throws InterruptedException {
        for (int i = 0; i < 600 && server.isAlive(); i++) {
            Matcher m = LISTENING.matcher(err.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not start: " + err.toString(StandardCharsets.UTF_8));
    }
}
