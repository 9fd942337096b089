package org.gleaner.builder.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.gleaner.builder.manifest.LedgerCheckpoint;
import org.junit.jupiter.api.Test;

/** Delta formats v1 and v2: one canonical encoding per delta, old v1 bytes still decode, no format confusion. */
class DeltaFormatTest {
    private static final String G = "1".repeat(64);
    private static final String H = "2".repeat(64);
    private static final String S = "3".repeat(64);
    private static final String R1 = "4".repeat(64);
    private static final String R2 = "5".repeat(64);

    /** A v1 delta exactly as builders wrote them before re-redaction existed (canonical, sorted keys). */
    private static final String V1_AS_WRITTEN_BEFORE = "{\"checkpoint\":{\"origin\":\"test/ledger\",\"root_hash\":\"" + "ab".repeat(32)
            + "\",\"tree_size\":10},\"created_at\":\"2026-11-22T22:00:00Z\",\"dataset\":\"demo\",\"format\":\"gleaner-deletion-delta/v1\","
            + "\"revoked_grant_ids\":[\"" + G + "\"],\"sequence\":1,\"versions\":[{\"carried_files\":[\"part-00001.parquet\"],"
            + "\"compacted_manifest_sha256\":\"" + H + "\",\"compacted_version\":\"1-d000001\",\"files\":[{\"path\":\"part-00000.parquet\","
            + "\"removed_row_ids\":[\"" + R1 + "\"],\"rows_after\":9,\"rows_before\":10,\"sha256\":\"" + S + "\"}],\"version\":\"1\"}]}";

    private static DeletionDelta delta(List<String> removed, List<String> redacted, long before, long after) {
        return new DeletionDelta("demo", 1, Instant.parse("2026-11-22T22:00:00Z"),
                new LedgerCheckpoint("test/ledger", 10, "ab".repeat(32)), List.of(G),
                List.of(new DeletionDelta.AffectedVersion("1", "1-d000001", H,
                        List.of(new DeletionDelta.AffectedFile("part-00000.parquet", before, after, S, removed, redacted)),
                        List.of("part-00001.parquet"))));
    }

    @Test
    void aV1DeltaWrittenBeforeRedactionExistedStillDecodesToTheSameBytes() throws Exception {
        byte[] bytes = V1_AS_WRITTEN_BEFORE.getBytes(StandardCharsets.UTF_8);
        DeletionDelta d = DeltaJson.decode(bytes);
        assertThat(d.format()).isEqualTo(DeletionDelta.FORMAT_V1);
        assertThat(d.removedRows()).isEqualTo(1);
        assertThat(d.redactedRows()).isZero();
        assertThat(DeltaJson.encode(d)).isEqualTo(bytes);
        assertThat(DeltaJson.encode(delta(List.of(R1), List.of(), 10, 9))).isEqualTo(bytes);
    }

    @Test
    void aDeltaWithRedactedRowsIsV2AndCarriesRedactedRowIdsOnEveryFile() throws Exception {
        DeletionDelta d = delta(List.of(R1), List.of(R2), 10, 9);
        byte[] bytes = DeltaJson.encode(d);
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertThat(json).contains("\"format\":\"gleaner-deletion-delta/v2\"", "\"redacted_row_ids\":[\"" + R2 + "\"]");
        assertThat(DeltaJson.decode(bytes)).isEqualTo(d);
        assertThat(d.redactedRows()).isEqualTo(1);
    }

    @Test
    void theFormatFollowsTheContentSoNeitherCanBeDressedAsTheOther() {
        String v2 = new String(DeltaJson.encode(delta(List.of(R1), List.of(R2), 10, 9)), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DeltaJson.decode(v2.replace("delta/v2", "delta/v1").getBytes(StandardCharsets.UTF_8)))
                .as("a v1 header over redacted rows").isInstanceOf(DeltaException.class);
        String emptyV2 = v2.replace("\"redacted_row_ids\":[\"" + R2 + "\"]", "\"redacted_row_ids\":[]");
        assertThatThrownBy(() -> DeltaJson.decode(emptyV2.getBytes(StandardCharsets.UTF_8)))
                .as("v2 without a redacted row").isInstanceOf(DeltaException.class);
        assertThatThrownBy(() -> DeltaJson.decode(V1_AS_WRITTEN_BEFORE.replace("delta/v1", "delta/v3").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DeltaException.class).hasMessageContaining("not a gleaner-deletion-delta/v1 or");
    }

    @Test
    void aRowIsEitherRemovedOrRedactedAndCountsMustAddUp() {
        assertThatThrownBy(() -> delta(List.of(R1), List.of(R1), 10, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> delta(List.of(), List.of(), 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> delta(List.of(), List.of(R2), 10, 9)).as("redacting keeps the row count")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> delta(List.of(), List.of(R2, R1), 10, 10)).as("sorted ids")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(delta(List.of(), List.of(R1, R2), 10, 10).format()).isEqualTo(DeletionDelta.FORMAT_V2);
    }
}
