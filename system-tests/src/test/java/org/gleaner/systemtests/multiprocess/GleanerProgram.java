package org.gleaner.systemtests.multiprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code gleaner} program as the {@code ./gleaner} script runs it: {@code java -cp gleaner-devnet.jar:lib/*
 * org.gleaner.cli.GleanerCli}, from devnet's build output (the reactor builds devnet before this module).
 */
public record GleanerProgram(Path devnetTarget, Path logDir) {

    /**
     * From the failsafe configuration's system properties, with logs in {@code process-logs/<test>/} (emptied
     * first); fails with the command that builds the program when it is missing.
     */
    public static GleanerProgram fromBuild(String test) {
        Path target = Path.of(System.getProperty("gleaner.devnet.target", "../devnet/target")).toAbsolutePath().normalize();
        Path jar = target.resolve("gleaner-devnet.jar");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(target.resolve("lib"))) {
            throw new IllegalStateException("no gleaner program at " + jar + " (and lib/); build it with "
                    + "mvn -o -B -pl system-tests -am verify, or mvn -pl devnet -am package");
        }
        Path logs = Path.of(System.getProperty("gleaner.systemtests.process-logs", "target/process-logs")).resolve(test).toAbsolutePath();
        try {
            if (Files.isDirectory(logs)) {
                try (var old = Files.list(logs)) {
                    for (Path log : old.filter(p -> p.toString().endsWith(".log")).toList()) {
                        Files.delete(log);
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot clear " + logs, e);
        }
        return new GleanerProgram(target, logs);
    }

    /** The command line that runs {@code gleaner args...}. */
    public List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // small, quick-starting JVMs: four of them share two cores with a three-broker cluster
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx384m", "-Xss512k",
                "-cp", devnetTarget.resolve("gleaner-devnet.jar") + ":" + devnetTarget.resolve("lib") + "/*",
                "org.gleaner.cli.GleanerCli"));
        command.addAll(args);
        return command;
    }

    /** Starts {@code gleaner args...} in the background; stdout and stderr go to {@code logDir/name.log}. */
    public GleanerProcess start(String name, List<String> args) throws IOException {
        Files.createDirectories(logDir);
        return GleanerProcess.start(name, command(args), logDir.resolve(name + ".log"));
    }

    /** Runs {@code gleaner args...} to the end (at most two minutes) and returns its exit code and output. */
    public GleanerProcess.Finished run(String name, List<String> args) throws IOException, InterruptedException {
        return start(name, args).awaitExit(java.time.Duration.ofMinutes(2));
    }
}
