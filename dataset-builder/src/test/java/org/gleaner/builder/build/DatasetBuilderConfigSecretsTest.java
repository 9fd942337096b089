package org.gleaner.builder.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetBuilderConfigSecretsTest {
    @Test
    void theKafkaCredentialsAreNeverShown() {
        DatasetBuilderConfig config = DatasetBuilderConfig.of(Path.of("datasets"), "web", "1").withKafkaProperties(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"b\" password=\"pw-secret\";"));

        assertThat(config.toString()).contains("datasetName=web", "sasl.jaas.config").doesNotContain("pw-secret");
        assertThat(config.kafkaProperties()).containsKey("sasl.jaas.config");
    }
}
