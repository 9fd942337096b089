package org.gleaner.coordinator.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.gleaner.coordinator.web.ApiToken;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where a coordinator listens, the same options for both serve commands: the lease endpoint, the REST API and the
 * REST API's bearer token. A command may word the API options' help for its mode through its resource bundle (keys
 * {@code coordinator.api-listen} and {@code coordinator.api-token-file}).
 */
final class ListenOptions {
    @Option(names = "--listen", defaultValue = "127.0.0.1:8470", description = "Address of the lease endpoint (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--api-listen", defaultValue = "127.0.0.1:8471", descriptionKey = "coordinator.api-listen",
            description = "Address of the REST API, OpenAPI and metrics (default: ${DEFAULT-VALUE}).")
    String apiListen;

    @Option(names = "--api-token-file", paramLabel = "FILE", descriptionKey = "coordinator.api-token-file",
            description = "File holding the bearer token (32-256 characters) labs use to submit jobs over REST.")
    Path apiTokenFile;

    /** @throws CommandLine.ParameterException unless {@code --listen} is host:port */
    InetSocketAddress leaseAddress(CommandLine.Model.CommandSpec spec) {
        return Addresses.parse(spec, listen, "--listen");
    }

    /** @throws CommandLine.ParameterException unless {@code --api-listen} is host:port */
    InetSocketAddress apiAddress(CommandLine.Model.CommandSpec spec) {
        return Addresses.parse(spec, apiListen, "--api-listen");
    }

    /** The token from {@code --api-token-file}, or one nobody knows without it (no job submission). */
    ApiToken apiToken(CommandLine.Model.CommandSpec spec) throws IOException {
        return ApiTokens.load(spec, apiTokenFile);
    }

    /** Whether labs can submit jobs over REST. */
    boolean jobSubmissionEnabled() {
        return apiTokenFile != null;
    }
}
