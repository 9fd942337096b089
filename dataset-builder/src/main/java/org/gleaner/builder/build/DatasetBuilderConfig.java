package org.gleaner.builder.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.gleaner.builder.parquet.ParquetOptions;
import org.gleaner.builder.parquet.PartitionedParquetFiles;
import org.gleaner.builder.pii.PrivacySettings;

/**
 * What a {@link DatasetBuilder} builds and where: the file goes to
 * {@code <outputDir>/<datasetName>/v<version>/part-00000.parquet}.
 *
 * @param datasetName     {@code [a-z0-9][a-z0-9._-]{0,127}}
 * @param version         {@code [0-9A-Za-z][0-9A-Za-z._-]{0,63}}, e.g. {@code 1} or {@code 2026.11.22}
 * @param groupId         the Kafka consumer group the build commits its read positions under
 * @param kafkaProperties extra Kafka consumer properties (security, client id, fetch sizes)
 * @param pollInterval    the longest single wait for records; bounds how late a stop condition is noticed
 * @param networkOrigin   when not null, each page receipt's signature is verified for this network origin
 *                        and pages that fail are skipped ({@code BAD_SIGNATURE}); null skips the check
 * @param privacy         the purpose, the policy for unlicensed personal data and where consent answers come
 *                        from (by default none: every identifier is redacted)
 * @param parts           how many part files the rows are split into by a stable hash of their id (1 to
 *                        {@value PartitionedParquetFiles#MAX_PARTS}); a revocation rewrites only the parts that
 *                        hold revoked rows
 */
public record DatasetBuilderConfig(
        Path outputDir,
        String datasetName,
        String version,
        String groupId,
        ParquetOptions parquet,
        Map<String, String> kafkaProperties,
        Duration pollInterval,
        String networkOrigin,
        PrivacySettings privacy,
        int parts) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,63}");

    public static final String FILE_NAME = "part-00000.parquet";

    public DatasetBuilderConfig {
        Objects.requireNonNull(outputDir, "outputDir");
        if (datasetName == null || !NAME.matcher(datasetName).matches()) {
            throw new IllegalArgumentException("datasetName must match " + NAME + ": " + datasetName);
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("version must match " + VERSION + ": " + version);
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("groupId is required");
        }
        Objects.requireNonNull(parquet, "parquet");
        kafkaProperties = Map.copyOf(Objects.requireNonNull(kafkaProperties, "kafkaProperties"));
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
        if (networkOrigin != null && networkOrigin.isBlank()) {
            throw new IllegalArgumentException("networkOrigin must not be blank");
        }
        Objects.requireNonNull(privacy, "privacy");
        if (parts < 1 || parts > PartitionedParquetFiles.MAX_PARTS) {
            throw new IllegalArgumentException("parts must be 1 to " + PartitionedParquetFiles.MAX_PARTS + ": " + parts);
        }
    }

    /**
     * Defaults: group {@code gleaner-dataset-builder.<datasetName>}, {@link ParquetOptions#DEFAULTS}, no extra
     * Kafka properties, 200 ms poll interval, no signature check, {@link PrivacySettings#DEFAULTS}, one part file.
     */
    public static DatasetBuilderConfig of(Path outputDir, String datasetName, String version) {
        return new DatasetBuilderConfig(outputDir, datasetName, version, "gleaner-dataset-builder." + datasetName,
                ParquetOptions.DEFAULTS, Map.of(), Duration.ofMillis(200), null,
                PrivacySettings.DEFAULTS, 1);
    }

    public DatasetBuilderConfig withGroupId(String id) {
        return new DatasetBuilderConfig(outputDir, datasetName, version, id, parquet, kafkaProperties, pollInterval, networkOrigin, privacy, parts);
    }

    public DatasetBuilderConfig withParquet(ParquetOptions options) {
        return new DatasetBuilderConfig(outputDir, datasetName, version, groupId, options, kafkaProperties, pollInterval, networkOrigin, privacy, parts);
    }

    public DatasetBuilderConfig withKafkaProperties(Map<String, String> properties) {
        return new DatasetBuilderConfig(outputDir, datasetName, version, groupId, parquet, properties, pollInterval, networkOrigin, privacy, parts);
    }

    public DatasetBuilderConfig withPollInterval(Duration interval) {
        return new DatasetBuilderConfig(outputDir, datasetName, version, groupId, parquet, kafkaProperties, interval, networkOrigin, privacy, parts);
    }

    /** Verify receipt signatures for this network origin (null: do not verify). */
    public DatasetBuilderConfig withNetworkOrigin(String origin) {
        return new DatasetBuilderConfig(outputDir, datasetName, version, groupId, parquet, kafkaProperties, pollInterval,
                origin, privacy, parts);
    }

    /** Purpose, personal-data policy and consent source. */
    public DatasetBuilderConfig withPrivacy(PrivacySettings settings) {
        return new DatasetBuilderConfig(outputDir, datasetName, version, groupId, parquet, kafkaProperties, pollInterval,
                networkOrigin, settings, parts);
    }

    /** Split rows into {@code n} part files by a stable hash of the row id. */
    public DatasetBuilderConfig withParts(int n) {
        return new DatasetBuilderConfig(outputDir, datasetName, version, groupId, parquet, kafkaProperties, pollInterval,
                networkOrigin, privacy, n);
    }

    /** This configuration for another version of the same dataset. */
    public DatasetBuilderConfig withVersion(String v) {
        return new DatasetBuilderConfig(outputDir, datasetName, v, groupId, parquet, kafkaProperties, pollInterval,
                networkOrigin, privacy, parts);
    }

    /** {@code <outputDir>/<datasetName>}. */
    public Path datasetDir() {
        return outputDir.resolve(datasetName);
    }

    /** {@code <outputDir>/<datasetName>/v<version>}. */
    public Path versionDir() {
        return outputDir.resolve(datasetName).resolve("v" + version);
    }

    /** {@code <outputDir>/<datasetName>/v<version>/part-00000.parquet}, the first part file. */
    public Path outputFile() {
        return versionDir().resolve(FILE_NAME);
    }

    /** Names the Kafka settings but never shows their values (they may hold the builder's Kafka credentials). */
    @Override
    public String toString() {
        return "DatasetBuilderConfig[outputDir=" + outputDir + ", datasetName=" + datasetName + ", version=" + version
                + ", groupId=" + groupId + ", parquet=" + parquet + ", kafkaProperties=" + kafkaProperties.keySet()
                + ", pollInterval=" + pollInterval + ", networkOrigin=" + networkOrigin + ", privacy=" + privacy
                + ", parts=" + parts + "]";
    }
}
