package org.gleaner.builder.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.gleaner.builder.api.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB statement docs/datasets.md gives labs for removing a delta's rows, run on a delta and version made by the
 * builder's own {@link org.gleaner.builder.revocation.RevocationProcessor}. */
class DeltaSqlIT {
    @TempDir
    Path root;

    @Test
    void theDocumentedStatementRemovesExactlyTheDeltasRows() throws Exception {
        TestDatasets.publish(root);
        String sql = """
                COPY (SELECT * FROM read_parquet('demo/v1/*.parquet') WHERE id NOT IN (
                  SELECT unnest(f.removed_row_ids) FROM (SELECT unnest(v.files) AS f FROM (
                    SELECT unnest(versions) AS v FROM read_json('demo/deltas/delta-*.json')) WHERE v.version = '1'))
                ) TO 'demo-v1-applied.parquet' (FORMAT parquet, COMPRESSION zstd);
                """;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("SET file_search_path = '" + root + "'");
            st.execute(sql.replace("TO 'demo-v1-applied.parquet'", "TO '" + root.resolve("demo-v1-applied.parquet") + "'"));
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT id FROM read_parquet('" + root.resolve("demo-v1-applied.parquet") + "') ORDER BY id")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            List<String> compacted = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT id FROM read_parquet('" + root.resolve("demo/v1-d000001/*.parquet") + "') ORDER BY id")) {
                while (rs.next()) {
                    compacted.add(rs.getString(1));
                }
            }
            assertThat(ids).as("the lab's copy equals the builder's compacted version").isEqualTo(compacted);
            assertThat(ids).hasSize(9).doesNotContain("%064x".formatted(8)).contains("%064x".formatted(7), "%064x".formatted(9));
        }
    }
}
