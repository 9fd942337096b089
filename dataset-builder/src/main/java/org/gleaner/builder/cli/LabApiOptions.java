package org.gleaner.builder.cli;

import java.net.URI;
import java.nio.file.Path;
import org.gleaner.builder.api.DatasetApiSettings;
import picocli.CommandLine.Option;

/** {@code gleaner builder serve}'s options for the dataset API for labs; the API runs when {@code --api-keys-file} is given. */
public final class LabApiOptions {
    @Option(names = "--api-keys-file", paramLabel = "FILE",
            description = "Serve the dataset API for labs (and /labs/) over --root, for the lab keys (hashes) in FILE "
                    + "(gleaner datasets lab-key). Without it, no API is served.")
    Path keysFile;

    @Option(names = "--api-listen", defaultValue = "127.0.0.1:8480", paramLabel = "HOST:PORT",
            description = "Address of the dataset API (default: ${DEFAULT-VALUE}; port 0 for any).")
    String listen;

    @Option(names = "--api-rate", defaultValue = "" + DatasetApiSettings.DEFAULT_REQUESTS_PER_SECOND, paramLabel = "N",
            description = "Dataset API requests per second per lab key (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--api-coordinator", paramLabel = "URL", description = "The coordinator's REST API, for the labs' job calls.")
    URI coordinator;

    @Option(names = "--api-coordinator-token-file", paramLabel = "FILE", description = "The coordinator's job API token.")
    Path coordinatorTokenFile;

    boolean enabled() {
        return keysFile != null;
    }
}
