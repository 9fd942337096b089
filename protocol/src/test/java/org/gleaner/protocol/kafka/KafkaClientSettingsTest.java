package org.gleaner.protocol.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSettingsTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"node-1\" password=\"s3cr3t-pw\";";

    @TempDir
    Path dir;

    private Path file(String text, String permissions) throws Exception {
        Path file = dir.resolve("client-" + System.nanoTime() + ".properties");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void readsSaslSettingsFromAnOwnerOnlyFile() throws Exception {
        Path file = file("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=" + JAAS + "\n", "rw-------");

        KafkaClientSettings settings = KafkaClientSettings.read(file);

        assertThat(settings.asMap()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("sasl.jaas.config", JAAS);
        assertThat(settings.holdsSecrets()).isTrue();
        assertThat(settings.securityProtocol()).isEqualTo("SASL_PLAINTEXT");
    }

    @Test
    void neverShowsACredential() throws Exception {
        KafkaClientSettings settings = KafkaClientSettings.read(file("security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.jaas.config="
                + JAAS + "\nssl.truststore.password=trust-pw\n", "rw-------"));
        KafkaConnection connection = new KafkaConnection("kafka:9093", settings);

        assertThat(settings.toString()).contains("sasl.jaas.config=(hidden)", "ssl.truststore.password=(hidden)", "SASL_SSL")
                .doesNotContain("s3cr3t-pw", "trust-pw");
        assertThat(connection.toString()).doesNotContain("s3cr3t-pw", "trust-pw");
        assertThat(connection.describe()).isEqualTo("kafka:9093 (SASL_SSL)");
    }

    @Test
    void refusesCredentialsReadableByOthers() throws Exception {
        Path file = file("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=" + JAAS + "\n", "rw-r--r--");

        assertThatThrownBy(() -> KafkaClientSettings.read(file)).isInstanceOf(KafkaClientSettingsException.class)
                .hasMessageContaining("readable by group or others (chmod 600 it)").hasMessageNotContaining("s3cr3t-pw");
    }

    @Test
    void aFileWithoutCredentialsMayBeReadableByOthers() throws Exception {
        Path truststore = file("not really a truststore", "rw-r--r--");
        Path file = file("security.protocol=SSL\nssl.truststore.location=" + truststore + "\nssl.truststore.type=PEM\n", "rw-r--r--");

        assertThat(KafkaClientSettings.read(file).asMap()).containsEntry("ssl.truststore.location", truststore.toString());
    }

    @Test
    void refusesWhatTheServiceSetsItself() throws Exception {
        for (String key : new String[] {"bootstrap.servers", "value.serializer", "key.deserializer", "transactional.id",
            "enable.idempotence", "acks", "isolation.level", "group.id", "interceptor.classes"}) {
            Path file = file("security.protocol=PLAINTEXT\n" + key + "=x\n", "rw-------");
            assertThatThrownBy(() -> KafkaClientSettings.read(file)).as(key).isInstanceOf(KafkaClientSettingsException.class)
                    .hasMessageContaining("'" + key + "' is not allowed here (each service sets it itself").hasMessageNotContaining("\n");
        }
    }

    @Test
    void refusesUnknownKeysAndClasses() throws Exception {
        Path typo = file("security.protocl=SASL_SSL\n", "rw-------");
        Path engine = file("ssl.engine.factory.class=com.example.Evil\n", "rw-------");

        assertThatThrownBy(() -> KafkaClientSettings.read(typo)).hasMessageContaining("unknown or unsupported key 'security.protocl'");
        assertThatThrownBy(() -> KafkaClientSettings.read(engine)).hasMessageContaining("unknown or unsupported key 'ssl.engine.factory.class'");
    }

    @Test
    void refusesBadValuesAndCombinations() throws Exception {
        assertThatThrownBy(() -> KafkaClientSettings.read(file("security.protocol=SASL_TLS\n", "rw-------")))
                .hasMessageContaining("security.protocol 'SASL_TLS' is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        assertThatThrownBy(() -> KafkaClientSettings.read(file("security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-1\nsasl.jaas.config=x\n", "rw-------")))
                .hasMessageContaining("sasl.mechanism 'SCRAM-SHA-1' is not one of");
        assertThatThrownBy(() -> KafkaClientSettings.read(file("security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n", "rw-------")))
                .hasMessageContaining("needs sasl.jaas.config");
        assertThatThrownBy(() -> KafkaClientSettings.read(file("sasl.mechanism=PLAIN\nsasl.jaas.config=" + JAAS + "\n", "rw-------")))
                .hasMessageContaining("sasl.* settings need security.protocol SASL_PLAINTEXT or SASL_SSL (it is PLAINTEXT)")
                .hasMessageNotContaining("s3cr3t-pw");
        assertThatThrownBy(() -> KafkaClientSettings.read(file("security.protocol=SSL\nssl.truststore.location=/nonexistent/ts.jks\n", "rw-------")))
                .hasMessageContaining("ssl.truststore.location /nonexistent/ts.jks is not a readable file");
        assertThatThrownBy(() -> KafkaClientSettings.read(file("security.protocol=\n", "rw-------"))).hasMessageContaining("'security.protocol' is empty");
    }

    @Test
    void readsStrictly() throws Exception {
        assertThatThrownBy(() -> KafkaClientSettings.read(file("security.protocol=SSL\nsecurity.protocol=PLAINTEXT\n", "rw-------")))
                .hasMessageContaining("key 'security.protocol' is set twice");
        Path latin1 = dir.resolve("latin1.properties");
        Files.write(latin1, "ssl.protocol=TLSv1.3 \u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> KafkaClientSettings.read(latin1)).hasMessageContaining("not UTF-8 text");
        Path big = dir.resolve("big.properties");
        Files.writeString(big, "#" + "x".repeat((int) KafkaClientSettings.MAX_BYTES) + "\n");
        assertThatThrownBy(() -> KafkaClientSettings.read(big)).hasMessageContaining("larger than 64 KiB");
        assertThatThrownBy(() -> KafkaClientSettings.read(dir.resolve("missing.properties")))
                .hasMessageContaining("no such Kafka client config file");
    }

    @Test
    void aConnectionConfigurationHoldsTheServersAndTheSettings() {
        KafkaConnection connection = new KafkaConnection("127.0.0.1:9092",
                KafkaClientSettings.of("test", Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", JAAS)));

        assertThat(connection.clientProperties()).containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.jaas.config", JAAS);
        assertThat(KafkaConnection.plaintext("127.0.0.1:9092").clientProperties()).containsOnlyKeys("bootstrap.servers");
        assertThatThrownBy(() -> KafkaConnection.plaintext(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
