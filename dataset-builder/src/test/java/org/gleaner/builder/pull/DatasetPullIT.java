package org.gleaner.builder.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gleaner.builder.api.DatasetApiServer;
import org.gleaner.builder.api.DatasetApiSettings;
import org.gleaner.builder.api.LabKeys;
import org.gleaner.builder.api.TestDatasets;
import org.gleaner.builder.revocation.DeletionDelta;
import org.gleaner.builder.revocation.DeltaJson;
import org.gleaner.builder.revocation.DeltaSignature;
import org.gleaner.builder.revocation.DeltaVerifier;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gleaner datasets pull} and {@code deltas} against a real dataset API over real files. */
class DatasetPullIT {
    private static final String KEY = LabKeys.generateKey();

    @TempDir
    static Path serverRoot;
    @TempDir
    static Path keys;
    static TestDatasets published;
    static DatasetApiServer server;

    @TempDir
    Path to;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        published = TestDatasets.publish(serverRoot);
        // a manifest altered after signing: a row count changed, still canonical JSON
        published.publish("tampered", "1", 0, 4, null);
        Path manifest = serverRoot.resolve("tampered/v1/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"rows\":4", "\"rows\":3"));
        // a Parquet file altered on the server after publishing, same size
        published.publish("big", "1", 0, 3_000, null);
        published.publish("rotten", "1", 0, 4, null);
        Path parquet = serverRoot.resolve("rotten/v1/part-00000.parquet");
        byte[] bytes = Files.readAllBytes(parquet);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(parquet, bytes);
        Files.writeString(keys.resolve("lab.key"), KEY + "\n");
        Files.writeString(keys.resolve("builder.vkey"), published.signer().verifier().encode() + "\n");
        Files.writeString(keys.resolve("other.vkey"), NoteSigner.generate("gleaner.test/builder").verifier().encode() + "\n");
        Files.writeString(keys.resolve("wrong-lab.key"), LabKeys.generateKey() + "\n");
        server = DatasetApiServer.start(DatasetApiSettings.of(serverRoot, LabKeys.of(Map.of("lab-a", KEY))));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void clear() {
        out.reset();
        err.reset();
    }

    @Test
    void pullsTheLatestVersionVerifiedIntoPlace() throws Exception {
        int status = pull("demo");

        assertThat(status).as(err()).isZero();
        Path v2 = to.resolve("demo/v2");
        DatasetManifest verified = new ManifestVerifier(published.signer().verifier()).verify(v2);
        assertThat(verified.rows()).isEqualTo(6);
        assertThat(Files.readAllBytes(v2.resolve("part-00000.parquet"))).isEqualTo(Files.readAllBytes(serverRoot.resolve("demo/v2/part-00000.parquet")));
        assertThat(Files.readAllBytes(v2.resolve("manifest.json"))).isEqualTo(Files.readAllBytes(serverRoot.resolve("demo/v2/manifest.json")));
        assertThat(out()).startsWith("pulled demo v2 into " + v2 + ": 2 files, 6 rows");
        assertThat(err()).contains("latest version of demo is v2").contains("manifest of demo/v2 verified")
                .contains("part-00000.parquet: ").contains("(100%)").contains("SHA-256 ok");
        assertThat(names(to)).containsExactly("demo");
        assertThat(names(to.resolve("demo/v2"))).containsExactlyInAnyOrder("part-00000.parquet", "README.md", "manifest.json", "manifest.json.sig");

        out.reset();
        assertThat(pull("demo", "--version", "2")).isZero();
        assertThat(err()).contains("already holds this version; verified");
    }

    @Test
    void pullsAnOlderVersionWithItsVerifiedDeletionDeltas() throws Exception {
        int status = pull("demo", "--version", "1", "--apply-deltas");

        assertThat(status).as(err()).isZero();
        assertThat(Files.exists(to.resolve("demo/v1/part-00000.parquet"))).isTrue();
        Path delta = to.resolve("demo/deltas/delta-000001.json");
        assertThat(Files.readAllBytes(delta)).isEqualTo(Files.readAllBytes(serverRoot.resolve("demo/deltas/delta-000001.json")));
        assertThat(Files.exists(to.resolve("demo/deltas/delta-000001.json.sig"))).isTrue();
        assertThat(err()).contains("delta 1 verified (gleaner-deletion-delta/v1): removes 1 rows and re-redacts 0 in v1 (compacted: v1-d000001)");
        assertThat(new DeltaVerifier(published.signer().verifier()).verify(delta).revokedGrantIds())
                .as("the stored copy verifies offline, as gleaner datasets verify does").containsExactly(TestDatasets.grant("grant-8"));
        assertThat(out()).contains("deletion deltas for v1: 1 verified");
    }

    @Test
    void aDeltaNotSignedByTheBuilderIsRefused() throws Exception {
        published.publish("forged", "1", 0, 4, null);
        published.revoke("forged", TestDatasets.grant("grant-2"));
        Path deltaFile = serverRoot.resolve("forged/deltas/delta-000001.json");
        byte[] bytes = Files.readAllBytes(deltaFile);
        NoteSigner rogue = NoteSigner.generate("gleaner.test/builder");
        Files.write(DeletionDelta.signaturePath(deltaFile), DeltaSignature.sign(DeltaJson.decode(bytes), bytes, rogue));

        int status = deltas("forged", "--since", "1");

        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("FAILED (BAD_SIGNATURE)");
        assertThat(Files.exists(to.resolve("forged/deltas/delta-000001.json"))).isFalse();
    }

    @Test
    void aDeltaWhoseBytesAreNotTheSignedOnesIsRefused() throws Exception {
        published.publish("altered", "1", 0, 4, null);
        published.revoke("altered", TestDatasets.grant("grant-2"));
        Path deltaFile = serverRoot.resolve("altered/deltas/delta-000001.json");
        // still canonical and still for this dataset, but it no longer removes the revoked row
        DeletionDelta real = DeltaJson.decode(Files.readAllBytes(deltaFile));
        DeletionDelta.AffectedVersion v = real.versions().get(0);
        DeletionDelta.AffectedFile f = v.files().get(0);
        DeletionDelta altered = new DeletionDelta(real.dataset(), real.sequence(), real.createdAt(), real.checkpoint(),
                real.revokedGrantIds(), List.of(new DeletionDelta.AffectedVersion(v.version(), v.compactedVersion(),
                        v.compactedManifestSha256(), List.of(new DeletionDelta.AffectedFile(f.path(), f.rowsBefore(), f.rowsAfter(),
                                f.sha256(), List.of("%064x".formatted(99)))), v.carriedFiles())));
        Files.write(deltaFile, DeltaJson.encode(altered));

        int status = deltas("altered", "--since", "1");

        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("FAILED (BAD_SIGNATURE)").contains("signature is for another delta");
        assertThat(Files.exists(to.resolve("altered/deltas/delta-000001.json"))).isFalse();
    }

    @Test
    void pullsTheCompactedVersionAndNeedsNoDeltaForIt() throws Exception {
        int status = pull("demo", "--version", "1-d000001", "--apply-deltas");

        assertThat(status).as(err()).isZero();
        DatasetManifest compacted = new ManifestVerifier(published.signer().verifier()).verify(to.resolve("demo/v1-d000001"));
        assertThat(compacted.version()).isEqualTo("1-d000001");
        assertThat(out()).contains("deletion deltas for v1-d000001: 0 verified");
    }

    @Test
    void aWrongBuilderKeyFetchesNothing() throws Exception {
        int status = pull("demo", "--builder-key", keys.resolve("other.vkey").toString());

        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("FAILED (BAD_SIGNATURE)");
        assertThat(err().lines().filter(l -> l.contains("FAILED"))).hasSize(1);
        assertThat(names(to)).isEmpty();
    }

    @Test
    void aTamperedManifestIsRefusedBeforeAnyDownload() throws Exception {
        int status = pull("tampered");

        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("FAILED (BAD_SIGNATURE)").contains("the signature is for another manifest");
        assertThat(names(to)).isEmpty();
    }

    @Test
    void aTamperedFileIsDiscardedAndNothingIsPublished() throws Exception {
        int status = pull("rotten");

        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("FAILED (FILE_MISMATCH)").contains("part-00000.parquet arrived with").contains("(discarded)");
        assertThat(Files.exists(to.resolve("rotten"))).isFalse();
        assertThat(names(to.resolve(".pull-rotten-v1"))).doesNotContain("part-00000.parquet", "part-00000.parquet.part");
    }

    @Test
    void anInterruptedDownloadResumesFromWhereItStopped() throws Exception {
        byte[] whole = Files.readAllBytes(serverRoot.resolve("demo/v2/part-00000.parquet"));
        Path staging = Files.createDirectories(to.resolve(".pull-demo-v2"));
        // what an interrupted pull leaves behind: the first part of the file
        Files.write(staging.resolve("part-00000.parquet.part"), Arrays.copyOf(whole, whole.length / 3));

        int status = pull("demo", "--version", "2");

        assertThat(status).as(err()).isZero();
        assertThat(err()).contains("part-00000.parquet: resuming at byte " + whole.length / 3 + " of " + whole.length);
        assertThat(Files.readAllBytes(to.resolve("demo/v2/part-00000.parquet"))).isEqualTo(whole);
        assertThat(Files.exists(staging)).isFalse();
    }

    @Test
    void aDownloadCutByTheNetworkFailsPlainlyAndTheNextPullResumesIt() throws Exception {
        byte[] whole = Files.readAllBytes(serverRoot.resolve("big/v1/part-00000.parquet"));
        assertThat(whole.length).isGreaterThan(50_000);
        int cut;
        try (CuttingProxy proxy = new CuttingProxy(server.port(), 30_000)) {
            cut = pull("big", "--api", "http://127.0.0.1:" + proxy.port());
        }
        String firstErr = err();
        Path part = to.resolve(".pull-big-v1/part-00000.parquet.part");
        long kept = Files.size(part);
        err.reset();

        int resumed = pull("big");

        assertThat(cut).isEqualTo(1);
        assertThat(firstErr).contains("manifest of big/v1 verified").contains("FAILED (API): downloading")
                .contains("run the pull again to resume");
        assertThat(kept).isBetween(1L, (long) whole.length - 1);
        assertThat(resumed).as(err()).isZero();
        assertThat(err()).contains("part-00000.parquet: resuming at byte " + kept + " of " + whole.length);
        assertThat(Files.readAllBytes(to.resolve("big/v1/part-00000.parquet"))).isEqualTo(whole);
    }

    @Test
    void aResumedFileWhosePartialBytesAreWrongFailsAndTheNextPullSucceeds() throws Exception {
        byte[] whole = Files.readAllBytes(serverRoot.resolve("demo/v2/part-00000.parquet"));
        byte[] corrupt = Arrays.copyOf(whole, whole.length / 2);
        corrupt[5] ^= 1;
        Path staging = Files.createDirectories(to.resolve(".pull-demo-v2"));
        Files.write(staging.resolve("part-00000.parquet.part"), corrupt);

        int first = pull("demo", "--version", "2");
        String firstErr = err();
        err.reset();
        int second = pull("demo", "--version", "2");

        // only the missing half was fetched the first time: the corrupted prefix survived into the hash
        assertThat(first).isEqualTo(1);
        assertThat(firstErr).contains("resuming at byte").contains("FAILED (FILE_MISMATCH)");
        assertThat(second).as(err()).isZero();
        assertThat(Files.readAllBytes(to.resolve("demo/v2/part-00000.parquet"))).isEqualTo(whole);
    }

    @Test
    void refusesPlainlyWhatItCannotUse() throws Exception {
        assertThat(pull("demo", "--lab-key", keys.resolve("wrong-lab.key").toString())).isEqualTo(1);
        assertThat(err()).contains("FAILED (API): the API refused the lab key (401)").doesNotContain("glk_");
        err.reset();
        assertThat(pull("demo", "--version", "9")).isEqualTo(1);
        assertThat(err()).contains("FAILED (NOT_FOUND)");
        err.reset();
        assertThat(pull("demo", "--lab-key", keys.resolve("absent.key").toString())).isEqualTo(2);
        assertThat(err()).contains("--lab-key").contains("cannot be read");
        err.reset();
        assertThat(pull("demo", "--builder-key", keys.resolve("lab.key").toString())).isEqualTo(2);
        assertThat(err()).contains("is not a note verifier key");
        err.reset();
        assertThat(pull("../etc")).isEqualTo(2);
        assertThat(names(to)).isEmpty();
    }

    private int pull(String dataset, String... extra) {
        return new CommandLine(new PullDatasetCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args(dataset, extra));
    }

    private int deltas(String dataset, String... extra) {
        return new CommandLine(new DatasetDeltasCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args(dataset, extra));
    }

    /** The usual options, any of them replaced by the same option in {@code extra}. */
    private String[] args(String dataset, String... extra) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("--to", to.toString());
        options.put("--api", server.baseUri().toString());
        options.put("--lab-key", keys.resolve("lab.key").toString());
        options.put("--builder-key", keys.resolve("builder.vkey").toString());
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < extra.length; i++) {
            if (extra[i].equals("--apply-deltas")) {
                flags.add(extra[i]);
            } else {
                options.put(extra[i], extra[++i]);
            }
        }
        List<String> args = new ArrayList<>(List.of(dataset));
        options.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        args.addAll(flags);
        return args.toArray(String[]::new);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static List<String> names(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
