package org.gleaner.builder.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gleaner.builder.api.ApiSettingsParser;
import org.gleaner.builder.api.DatasetApiServer;
import org.gleaner.builder.api.DatasetApiSettings;

/** The one place where {@code gleaner builder serve} starts the dataset API for labs over its dataset root. */
final class LabApiHook {
    private static final ApiSettingsParser.OptionNames NAMES = new ApiSettingsParser.OptionNames("--api-keys-file",
            "--api-listen", "--api-rate", "--api-coordinator", "--api-coordinator-token-file");

    private LabApiHook() {
    }

    /** Checks the options before anything starts; null when the API is not asked for. */
    static DatasetApiSettings settings(Path root, LabApiOptions options) throws IOException {
        if (!options.enabled()) {
            return null;
        }
        Files.createDirectories(root);
        return ApiSettingsParser.parse(root, options.keysFile, options.listen, options.rate, options.coordinator,
                options.coordinatorTokenFile, NAMES);
    }

    /** The running API, or null (and a line saying so) when {@code settings} is null. */
    static DatasetApiServer start(DatasetApiSettings settings, PrintStream progress) {
        if (settings == null) {
            progress.println("gleaner builder serve: no --api-keys-file: the dataset API for labs is not served");
            return null;
        }
        DatasetApiServer server = DatasetApiServer.start(settings);
        progress.println("gleaner builder serve: dataset API for labs on " + server.baseUri() + " (" + settings.keys().size()
                + " lab keys, " + settings.requestsPerPeriod() + " requests/s each; page at /labs/)");
        return server;
    }
}
