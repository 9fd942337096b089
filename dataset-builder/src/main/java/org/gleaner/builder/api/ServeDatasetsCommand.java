package org.gleaner.builder.api;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gleaner datasets serve}: the dataset API alone over a directory of published datasets (a read-only
 * mirror, or a local check); {@code gleaner builder serve} starts the same server beside the builder.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the dataset API for labs (and the labs' page at /labs/) over ROOT/DATASET/vVERSION until "
                + "interrupted. Every /v1 call needs a lab key listed (as a hash) in --keys-file.",
                "Exit status: 0 stopped, 1 failed, 2 bad arguments."})
public final class ServeDatasetsCommand implements Callable<Integer> {
    @Option(names = "--root", required = true, paramLabel = "DIR", description = "The published datasets.")
    Path root;

    @Option(names = "--keys-file", required = true, paramLabel = "FILE", description = "Lab key hashes (gleaner datasets lab-key).")
    Path keysFile;

    @Option(names = "--listen", defaultValue = "127.0.0.1:8480", paramLabel = "HOST:PORT",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; port 0 for any).")
    String listen;

    @Option(names = "--rate", defaultValue = "" + DatasetApiSettings.DEFAULT_REQUESTS_PER_SECOND, paramLabel = "N",
            description = "Requests per second per lab key (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--coordinator", paramLabel = "URL", description = "The coordinator's REST API, for the job calls.")
    URI coordinator;

    @Option(names = "--coordinator-token-file", paramLabel = "FILE", description = "The coordinator's job API token.")
    Path coordinatorTokenFile;

    private final PrintStream err;
    private final CountDownLatch stop;

    public ServeDatasetsCommand() {
        this(System.err, new CountDownLatch(1));
    }

    ServeDatasetsCommand(PrintStream err, CountDownLatch stop) {
        this.err = err;
        this.stop = stop;
    }

    @Override
    public Integer call() {
        DatasetApiSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException | IOException e) {
            err.println("gleaner datasets serve: " + e.getMessage());
            return 2;
        }
        try (DatasetApiServer server = DatasetApiServer.start(settings)) {
            err.println("gleaner datasets serve: dataset API on " + server.baseUri() + " over " + settings.root() + " ("
                    + settings.keys().size() + " lab keys, " + rate + " requests/s each; OpenAPI at /v3/api-docs, page at /labs/)");
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
            err.println("gleaner datasets serve: stopping");
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (RuntimeException e) {
            err.println("gleaner datasets serve: FAILED: " + e.getMessage());
            return 1;
        }
    }

    private DatasetApiSettings settings() throws IOException {
        return ApiSettingsParser.parse(root, keysFile, listen, rate, coordinator, coordinatorTokenFile,
                new ApiSettingsParser.OptionNames("--keys-file", "--listen", "--rate", "--coordinator", "--coordinator-token-file"));
    }
}
