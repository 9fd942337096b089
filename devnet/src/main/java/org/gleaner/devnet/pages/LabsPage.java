package org.gleaner.devnet.pages;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gleaner.builder.api.DatasetApiServer;
import org.gleaner.builder.api.DatasetApiSettings;
import org.gleaner.builder.api.LabKeys;
import org.gleaner.protocol.io.AtomicFiles;

/**
 * The devnet's dataset API with the labs' page ({@code /labs/}) over the run's datasets directory, on 127.0.0.1.
 * A lab key is generated for the run: the key itself goes to a owner-only file in the run directory (what a lab
 * types into the page), the server keeps only its hash, as {@code gleaner datasets lab-key} would arrange it.
 */
public final class LabsPage implements AutoCloseable {
    /** The devnet's one lab. */
    public static final String LAB = "devnet-lab";
    static final String KEY_FILE = "lab-key";
    static final String KEYS_FILE = "lab-keys";

    private final DatasetApiServer server;
    private final Path keyFile;

    private LabsPage(DatasetApiServer server, Path keyFile) {
        this.server = server;
        this.keyFile = keyFile;
    }

    /** Starts the dataset API over {@code datasetsRoot}, writing the run's lab key under {@code labsDir}. */
    public static LabsPage start(Path datasetsRoot, Path labsDir) throws IOException {
        Files.createDirectories(labsDir);
        Files.createDirectories(datasetsRoot);
        String key = LabKeys.generateKey();
        Path keyFile = AtomicFiles.writeOwnerOnly(labsDir.resolve(KEY_FILE), key + "\n");
        Path keysFile = AtomicFiles.writeOwnerOnly(labsDir.resolve(KEYS_FILE), LabKeys.keysFileLine(LAB, key) + "\n");
        DatasetApiServer server = DatasetApiServer.start(DatasetApiSettings.of(datasetsRoot, LabKeys.load(keysFile)));
        return new LabsPage(server, keyFile);
    }

    /** The dataset API's base URL, {@code http://127.0.0.1:PORT}. */
    public URI apiUrl() {
        return server.baseUri();
    }

    /** The labs' page. */
    public URI pageUrl() {
        return URI.create(server.baseUri() + "/labs/");
    }

    /** The file holding the run's lab key (the bearer token for the dataset API). */
    public Path keyFile() {
        return keyFile;
    }

    /** The run's lab key, read back from its file. */
    public String key() throws IOException {
        return Files.readString(keyFile).strip();
    }

    @Override
    public void close() {
        server.close();
    }
}
