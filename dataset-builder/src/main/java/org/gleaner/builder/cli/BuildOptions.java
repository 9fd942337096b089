package org.gleaner.builder.cli;

import java.nio.file.Path;
import org.gleaner.builder.build.DatasetBuilder;
import org.gleaner.builder.build.DatasetBuilderConfig;
import org.gleaner.builder.pii.PiiPolicy;
import org.gleaner.builder.pii.PrivacySettings;
import org.gleaner.builder.quality.QualityConfigException;
import org.gleaner.builder.quality.QualityPolicy;
import org.gleaner.builder.service.BuilderFactory;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.kafka.KafkaConnection;
import org.gleaner.protocol.note.NoteSigner;
import picocli.CommandLine.Option;

/** What both builder commands need besides Kafka: where the dataset goes, which pages topic, the key, purpose and policy. */
public final class BuildOptions {
    @Option(names = "--root", required = true, paramLabel = "DIR", description = "The dataset root: versions go to DIR/DATASET/vVERSION.")
    Path root;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "The dataset name ([a-z0-9][a-z0-9._-]*).")
    String dataset;

    @Option(names = "--pages-topic", defaultValue = "gleaner.pages", paramLabel = "TOPIC", description = "Default: ${DEFAULT-VALUE}.")
    String pagesTopic;

    @Option(names = "--group-id", paramLabel = "ID", description = "Kafka consumer group (default gleaner-dataset-builder.DATASET).")
    String groupId;

    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "The builder's Ed25519 key file (created, owner-only, when missing); signs manifests and deltas.")
    Path key;

    @Option(names = "--key-name", defaultValue = "gleaner-builder", paramLabel = "NAME",
            description = "The note key name in signatures. Default: ${DEFAULT-VALUE}.")
    String keyName;

    @Option(names = "--purpose", defaultValue = "train-ai", paramLabel = "PURPOSE",
            description = "The dataset's purpose as named in consent grants. Default: ${DEFAULT-VALUE}.")
    String purpose;

    @Option(names = "--policy", defaultValue = "REDACT", paramLabel = "POLICY",
            description = "Unlicensed personal data: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    PiiPolicy policy;

    @Option(names = "--phone-region", defaultValue = "US", paramLabel = "CC",
            description = "Region for national phone numbers. Default: ${DEFAULT-VALUE}.")
    String phoneRegion;

    @Option(names = "--parts", defaultValue = "16", paramLabel = "N",
            description = "Part files per version, by a stable hash of the row id (1-4096). Default: ${DEFAULT-VALUE}.")
    int parts;

    @Option(names = "--network-origin", paramLabel = "ORIGIN",
            description = "Verify each page's receipt signature for this network origin (pages that fail are skipped).")
    String networkOrigin;

    @Option(names = "--quality-policy", paramLabel = "FILE",
            description = "Quality thresholds and action (flag or drop) as a properties file; default: the built-in Gopher, C4 and FineWeb thresholds, flagging.")
    Path qualityPolicy;

    /** The quality policy from {@code --quality-policy}, or the built-in one. @throws IllegalArgumentException with a one-line reason */
    QualityPolicy quality() {
        if (qualityPolicy == null) {
            return QualityPolicy.defaults();
        }
        try {
            return QualityPolicy.load(qualityPolicy);
        } catch (QualityConfigException e) {
            throw new IllegalArgumentException("--quality-policy " + qualityPolicy + ": " + e.getMessage());
        }
    }

    /** Builders with this policy, for the long-running service. */
    BuilderFactory builders() {
        QualityPolicy policy = quality();
        return config -> new DatasetBuilder(config).withQuality(policy);
    }

    /** @throws IllegalArgumentException with a one-line reason */
    DatasetBuilderConfig config(String version, KafkaConnection kafka) {
        PrivacySettings privacy = PrivacySettings.DEFAULTS.withPurpose(purpose).withPolicy(policy).withPhoneRegion(phoneRegion);
        DatasetBuilderConfig c = DatasetBuilderConfig.of(root, dataset, version).withParts(parts).withPrivacy(privacy)
                .withKafkaProperties(kafka.settings().asStrings()).withNetworkOrigin(networkOrigin);
        return groupId == null ? c : c.withGroupId(groupId);
    }

    NoteSigner signer() throws Exception {
        return NoteSigner.of(keyName, Ed25519KeyPair.loadOrCreate(key));
    }
}
