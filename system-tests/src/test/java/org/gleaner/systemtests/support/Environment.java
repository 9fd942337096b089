package org.gleaner.systemtests.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.testcontainers.DockerClientFactory;

/** What the machine running the system tests offers. */
public final class Environment {

    private static volatile Optional<String> dockerProblem;

    private Environment() {
    }

    /** True when the environment variable CI is "true" (set by .ci/run and most CI systems). */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Empty if a Docker engine answers; otherwise why not. Evaluated once per JVM. */
    public static Optional<String> dockerProblem() {
        Optional<String> p = dockerProblem;
        if (p == null) {
            synchronized (Environment.class) {
                p = dockerProblem;
                if (p == null) {
                    p = probeDocker();
                    dockerProblem = p;
                }
            }
        }
        return p;
    }

    private static Optional<String> probeDocker() {
        if (DockerEngine.unixSocket().isPresent()) {
            return DockerEngine.pingProblem();
        }
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return Optional.empty();
            }
            return Optional.of("no Docker engine answers; start dockerd");
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("no Docker engine answers: " + e);
        }
    }

    /**
     * The executable with one of the names in {@code names} ("kcat|kafkacat") found on the PATH.
     */
    public static Optional<Path> findCommand(String names) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String name : names.split("\\|")) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
