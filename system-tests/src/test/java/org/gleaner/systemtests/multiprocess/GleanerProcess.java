package org.gleaner.systemtests.multiprocess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One running {@code gleaner} OS process, its output kept in a log file that outlives the test. */
public final class GleanerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private GleanerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static GleanerProcess start(String name, List<String> command, Path log) throws IOException {
        Files.writeString(log, "$ " + String.join(" ", command) + System.lineSeparator());
        ProcessBuilder builder = new ProcessBuilder(command);
        // the services' own INFO lines (e.g. a node leaving when all jobs are done) make the kept logs useful
        builder.environment().put("GLEANER_LOG_LEVEL", "INFO");
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        return new GleanerProcess(name, process, log);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /**
     * Waits for a line matching {@code regex} and returns its first group (or the whole match). Fails at once
     * with the log's tail if the process exits first, or after {@code timeout}.
     */
    public String awaitLine(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = pattern.matcher(output());
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before printing /" + regex + "/:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not print /" + regex + "/ within " + timeout.toSeconds() + " s:\n" + tail());
            }
            Thread.sleep(100);
        }
    }

    /** The exit code and output of a process that has ended. */
    public record Finished(int exitCode, String output) {
    }

    public Finished awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(name + " did not exit within " + timeout.toSeconds() + " s:\n" + tail());
        }
        return new Finished(process.exitValue(), output());
    }

    /** SIGTERM, as an init system stops a service; returns how it ended. */
    public Finished terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String tail() {
        String all = output();
        return all.length() <= 6000 ? all : "…" + all.substring(all.length() - 6000);
    }

    /** Last resort for a failed test: nothing may outlive it. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
