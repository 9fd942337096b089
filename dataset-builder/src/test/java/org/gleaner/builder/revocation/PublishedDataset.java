package org.gleaner.builder.revocation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.gleaner.builder.manifest.LedgerCheckpoint;
import org.gleaner.builder.manifest.ManifestPublisher;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.builder.parquet.ParquetDatasetWriter;
import org.gleaner.builder.parquet.PartitionedParquetFiles;
import org.gleaner.builder.parquet.WrittenFile;
import org.gleaner.builder.row.DatasetRow;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.protocol.note.NoteSigner;

/** Publishes a signed dataset version of generated rows, some carrying given grant ids, without Kafka. */
public final class PublishedDataset {
    public static final LedgerCheckpoint CHECKPOINT = new LedgerCheckpoint("test/ledger", 10, "ab".repeat(32));

    private PublishedDataset() {
    }

    public static String hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Row {@code i} with a SHA-256 id (so rows spread over parts) and these grant ids. */
    public static DatasetRow row(int i, List<String> grants) {
        DatasetRow r = TestPages.row(i);
        return new DatasetRow(hex("row-" + i), r.text(), r.url(), r.host(), r.title(), r.language(), r.languageScore(),
                r.fetchedAt(), r.contentSha256(), r.tokenCount(), r.pii(), grants, r.licence(), r.nodeId(), r.leaseId(),
                r.receiptSignature(), r.finalUrl(), r.httpStatus(), r.bodyBytes(), r.receiptNonce(), r.qualityFlags(),
                r.quality());
    }

    /** {@code rows} rows in {@code parts} parts; the rows in {@code grantsByRow} carry those grants. */
    public static List<WrittenFile> publish(Path versionDir, String dataset, String version, int rows, int parts,
            Map<Integer, List<String>> grantsByRow, NoteSigner signer) throws Exception {
        List<WrittenFile> files;
        try (PartitionedParquetFiles out = PartitionedParquetFiles.open(new ParquetDatasetWriter(), versionDir, parts)) {
            for (int i = 0; i < rows; i++) {
                out.write(row(i, grantsByRow.getOrDefault(i, List.of())));
            }
            files = out.publish();
        }
        new ManifestPublisher(ManifestSettings.signedBy(signer).withCheckpoint(CHECKPOINT, "test basis"))
                .publish(versionDir, dataset, version, files, Map.of("test", "yes"));
        return files;
    }
}
