package org.gleaner.bench.builder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.gleaner.builder.manifest.LedgerCheckpoint;
import org.gleaner.builder.manifest.ManifestPublisher;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.builder.parquet.ParquetDatasetWriter;
import org.gleaner.builder.parquet.PartitionedParquetFiles;
import org.gleaner.builder.parquet.WrittenFile;
import org.gleaner.builder.consent.ConsentLookup;
import org.gleaner.builder.pii.CommitmentMapper;
import org.gleaner.builder.pii.ConsentContext;
import org.gleaner.builder.pii.PiiCounts;
import org.gleaner.builder.pii.PiiKind;
import org.gleaner.builder.quality.QualityMeter;
import org.gleaner.builder.quality.QualitySignals;
import org.gleaner.builder.revocation.RevocationOutcome;
import org.gleaner.builder.revocation.RevocationProcessor;
import org.gleaner.builder.row.DatasetRow;
import org.gleaner.protocol.note.NoteSigner;

/**
 * How long a revocation takes to reach a published version of realistic size: publishes a signed version of
 * ROWS rows (about 3 KiB of text each) in PARTS part files, one in every EVERY rows carrying the grant that
 * is then revoked, and times {@link RevocationProcessor#process} (scan of the live parts' id and grant columns,
 * rewrite of the affected parts, byte copies of the others, card, signatures, delta). Not run by mvn verify.
 *
 * <p>With MODE {@code redact}, the version is recorded as built under the redact policy and each affected row names
 * the revoked subject's address and a standing subject's address: compaction re-redacts the rows instead of
 * deleting them. Consent answers then come from BENCH STAND-INS (an in-memory grant table and a local SHA-256
 * commitment), not the ledger, so the figure is the compaction's own cost without network round trips.
 *
 * <p>Run: see docs/datasets.md. Arguments: {@code [ROWS] [PARTS] [EVERY] [DIR] [MODE]}; defaults 100000, 64,
 * 1000, a temporary directory, {@code delete}.
 */
public final class RevocationCompaction {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int parts = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path root = args.length > 3 && !args[3].equals("-") ? Path.of(args[3]) : Files.createTempDirectory("gleaner-revocation-bench");
        boolean redact = args.length > 4 && args[4].equals("redact");
        Path dataset = root.resolve("bench");
        NoteSigner signer = NoteSigner.generate("bench-builder");
        String grant = sha256("revoked-grant");
        String other = sha256("standing-grant");
        String text = paragraph();
        QualitySignals quality = QualityMeter.measure(text);

        long t0 = System.nanoTime();
        List<WrittenFile> files;
        try (PartitionedParquetFiles out = PartitionedParquetFiles.open(new ParquetDatasetWriter(), dataset.resolve("v1"), parts)) {
            for (int i = 0; i < rows; i++) {
                List<String> grants = i % every == 7 ? List.of(grant) : i % 100 == 3 ? List.of(other) : List.of();
                boolean affected = i % every == 7;
                if (redact && affected) {
                    out.write(row(i, text + " Write to person" + i + "@bench.example or to friend@bench.example.", quality,
                            List.of(grant, other), TWO_KEPT_EMAILS));
                } else {
                    out.write(row(i, text + " " + i, quality, grants, PiiCounts.NONE));
                }
            }
            files = out.publish();
        }
        new ManifestPublisher(ManifestSettings.signedBy(signer)
                .withCheckpoint(new LedgerCheckpoint("bench/ledger", 1, "00".repeat(32)), "bench"))
                .publish(dataset.resolve("v1"), "bench", "1", files, redact
                        ? Map.of("privacy", Map.of("policy", "REDACT", "purpose", "train-ai", "phone_region", "US"))
                        : Map.of());
        long bytes = files.stream().mapToLong(WrittenFile::bytes).sum();
        System.out.printf("published v1: %,d rows, %d parts, %.1f MiB in %.1f s%n", rows, files.size(), bytes / 1048576.0,
                (System.nanoTime() - t0) / 1e9);

        RevocationProcessor processor = new RevocationProcessor(dataset, signer);
        long t1 = System.nanoTime();
        RevocationOutcome outcome = processor.process(List.of(grant), new LedgerCheckpoint("bench/ledger", 2, "11".repeat(32)),
                redact ? standInConsent(other) : null);
        double seconds = (System.nanoTime() - t1) / 1e9;
        RevocationOutcome.Compaction c = outcome.compactions().get(0);
        System.out.printf("revocation (%s): %d rows removed, %d re-redacted, %d parts rewritten, %d carried byte-identical, "
                + "delta %s + v%s in %.2f s%n", redact ? "redact" : "delete", outcome.delta().removedRows(),
                outcome.delta().redactedRows(), c.filesRewritten(), c.filesCarried(), outcome.delta().format(),
                c.compactedVersion(), seconds);

        long t2 = System.nanoTime();
        RevocationOutcome again = processor.process(List.of(grant), new LedgerCheckpoint("bench/ledger", 3, "22".repeat(32)));
        System.out.printf("re-check of a handled revocation (scan only, published=%s): %.2f s%n", again.published(),
                (System.nanoTime() - t2) / 1e9);
    }

    private static final PiiCounts TWO_KEPT_EMAILS = PiiCounts.of(new int[] {2, 0, 0, 0}, new int[] {2, 0, 0, 0},
            new int[] {0, 0, 0, 0});

    /** BENCH STAND-IN for the ledger: only friend@bench.example is licensed, by {@code standingGrant}. */
    private static ConsentContext standInConsent(String standingGrant) throws Exception {
        ConsentLookup.Checkpoint at = new ConsentLookup.Checkpoint(2, "11".repeat(32));
        CommitmentMapper commitments = (kind, value) -> {
            try {
                return sha256("bench-commitment\u0000" + kind.code() + "\u0000" + value);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String friend = commitments.commitmentHex(PiiKind.EMAIL_ADDRESS, "friend@bench.example");
        ConsentLookup lookup = (commitment, purpose, checkpoint) -> commitment.equals(friend)
                ? new ConsentLookup.Decision(List.of(standingGrant)) : ConsentLookup.Decision.notLicensed();
        return new ConsentContext(lookup, commitments, at);
    }

    private static DatasetRow row(int i, String text, QualitySignals quality, List<String> grants, PiiCounts pii)
            throws Exception {
        String url = "https://bench.example/doc/" + i;
        return new DatasetRow(sha256(url), text, url, "bench.example", "Document " + i, "en", 0.99,
                Instant.ofEpochMilli(1_763_800_000_000L + i), sha256("body" + i), 500, pii, grants, null,
                "00".repeat(32), "lease-" + i, "00".repeat(64), url, 200, 4096, "00".repeat(16), List.of(), quality);
    }

    private static String paragraph() {
        StringBuilder sb = new StringBuilder();
        String[] words = "the river ran past the old mill where the village kept its grain through the long winter".split(" ");
        for (int i = 0; sb.length() < 3000; i++) {
            sb.append(words[(i * 7) % words.length]).append(i % 12 == 11 ? ".\n" : " ");
        }
        return sb.toString();
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
