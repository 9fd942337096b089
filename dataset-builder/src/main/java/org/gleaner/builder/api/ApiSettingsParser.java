package org.gleaner.builder.api;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Turns command-line values into {@link DatasetApiSettings}, for {@code gleaner datasets serve} and for
 * {@code gleaner builder serve} alike; each bad value is an {@link IllegalArgumentException} naming the option.
 */
public final class ApiSettingsParser {
    private ApiSettingsParser() {
    }

    /** The option names differ between the two commands; {@code names} gives them for the messages. */
    public record OptionNames(String keysFile, String listen, String rate, String coordinator, String coordinatorTokenFile) {
    }

    public static DatasetApiSettings parse(Path root, Path keysFile, String listen, int rate, URI coordinator,
            Path coordinatorTokenFile, OptionNames names) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--root " + root + " is not a directory");
        }
        if (keysFile == null || !Files.isRegularFile(keysFile)) {
            throw new IllegalArgumentException(names.keysFile() + " " + keysFile
                    + " does not exist (create keys with gleaner datasets lab-key)");
        }
        if (rate < 1 || rate > 100_000) {
            throw new IllegalArgumentException(names.rate() + " must be 1-100000");
        }
        int colon = listen.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException(names.listen() + " must be HOST:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(names.listen() + " must be HOST:PORT");
        }
        DatasetApiSettings settings = DatasetApiSettings.of(root, LabKeys.load(keysFile))
                .withPort(listen.substring(0, colon).replaceAll("^\\[|\\]$", ""), port)
                .withRateLimit(rate, Duration.ofSeconds(1));
        if ((coordinator == null) != (coordinatorTokenFile == null)) {
            throw new IllegalArgumentException(names.coordinator() + " and " + names.coordinatorTokenFile() + " go together");
        }
        if (coordinator != null) {
            settings = settings.withCoordinator(coordinator, Files.readString(coordinatorTokenFile).strip());
        }
        return settings;
    }
}
