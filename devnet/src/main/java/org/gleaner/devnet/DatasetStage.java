package org.gleaner.devnet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.gleaner.builder.build.BuildLimits;
import org.gleaner.builder.build.BuildResult;
import org.gleaner.builder.build.DatasetBuilder;
import org.gleaner.builder.build.DatasetBuilderConfig;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.KeyFileException;
import org.gleaner.protocol.note.NoteKeyException;
import org.gleaner.protocol.note.NoteSigner;

/** The devnet's dataset step: one version of the demo dataset from everything on the pages topic. */
final class DatasetStage {
    static final String DATASET = "demo";
    /** The note key name the devnet's builder signs manifests with. */
    static final String MANIFEST_KEY_NAME = "gleaner.devnet/dataset-builder";
    /** Under {@code <runDir>/datasets}: the manifest signer's verifier key (public), for {@code gleaner datasets verify}. */
    static final String VERIFIER_KEY_FILE = "manifest-signer.vkey";

    private final Path runDir;
    private final Topics topics;
    private final PrintStream progress;

    DatasetStage(Path runDir, Topics topics, PrintStream progress) {
        this.runDir = runDir;
        this.topics = topics;
        this.progress = progress;
    }

    Result build(String bootstrapServers, long creditedPages) throws IOException {
        progress.println("[devnet] building dataset '" + DATASET + "' v1 from " + topics.pages() + " (" + creditedPages
                + " credited pages)");
        DatasetBuilderConfig config = DatasetBuilderConfig.of(runDir.resolve("datasets"), DATASET, "1")
                .withNetworkOrigin(Devnet.ORIGIN);
        NoteSigner signer = manifestSigner(runDir.resolve("datasets"));
        BuildResult result = new DatasetBuilder(config)
                .withManifest(ManifestSettings.signedBy(signer))
                .build(bootstrapServers, topics.pages(), BuildLimits.untilCaughtUp(Duration.ofSeconds(15)));
        Map<String, Long> skipped = new TreeMap<>();
        result.skipped().forEach((reason, n) -> {
            if (n > 0) {
                skipped.put(reason.name(), n);
            }
        });
        progress.println("[devnet] dataset written: " + result.rows() + " rows, " + result.bytes() + " bytes, sha256 "
                + result.sha256().substring(0, 16) + "…");
        Path manifest = DatasetManifest.manifestPath(config.versionDir());
        progress.println("[devnet] manifest signed: " + manifest + " (verify: ./gleaner datasets verify "
                + config.versionDir() + " --key " + signer.verifier().encode() + ")");
        return new Result(result.rows(), skipped, result.path());
    }

    private static NoteSigner manifestSigner(Path datasetsDir) throws IOException {
        Files.createDirectories(datasetsDir);
        try {
            NoteSigner signer = NoteSigner.of(MANIFEST_KEY_NAME,
                    Ed25519KeyPair.loadOrCreate(datasetsDir.resolve("manifest-signer.key")));
            Files.writeString(datasetsDir.resolve(VERIFIER_KEY_FILE), signer.verifier().encode() + "\n",
                    StandardCharsets.UTF_8);
            return signer;
        } catch (KeyFileException | NoteKeyException e) {
            throw new IOException("cannot load the dataset manifest signing key: " + e.getMessage(), e);
        }
    }

    record Result(long rows, Map<String, Long> skippedByReason, Path parquetFile) {
    }
}
