package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Refusals of {@code gleaner kafka admit-node} that come before any contact with Kafka (the rest: NodePrincipalIT). */
class KafkaCommandTest {
    private static final String NODE_KEY = "ab".repeat(32);

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedStream err = CapturedStream.stderr();

    private Path adminConfig(String permissions) throws Exception {
        Path file = dir.resolve("admin.properties");
        Files.writeString(file, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config="
                + "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"admin-secret\";\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private int admit(Path adminConfig, String nodeKey, String quota) {
        return GleanerCli.run("kafka", "admit-node", "--bootstrap-servers", "127.0.0.1:1", "--admin-config", adminConfig.toString(),
                "--node-key", nodeKey, "--produce-quota", quota, "--password-file", dir.resolve("node.password").toString());
    }

    @Test
    void aNodeKeyThatIsNotOneIsRefused() throws Exception {
        assertThat(admit(adminConfig("rw-------"), "xyz", "2MB/s")).isEqualTo(2);
        assertThat(err.text()).contains("--node-key must be the node's public key");
        assertThat(dir.resolve("node.password")).doesNotExist();
    }

    @Test
    void aQuotaThatIsNotARateIsRefused() throws Exception {
        assertThat(admit(adminConfig("rw-------"), NODE_KEY, "fast")).isEqualTo(2);
        assertThat(err.text()).contains("--produce-quota:");
    }

    @Test
    void anAdminConfigOthersCanReadIsRefusedBeforeAnythingIsWritten() throws Exception {
        assertThat(admit(adminConfig("rw-r--r--"), NODE_KEY, "2MB/s")).isEqualTo(2);
        assertThat(err.text()).contains("--admin-config: ").contains("readable by group or others")
                .doesNotContain("admin-secret");
        assertThat(dir.resolve("node.password")).doesNotExist();
    }

    @Test
    void anAdminConfigThatSetsWhatTheCommandSetsIsRefused() throws Exception {
        Path file = adminConfig("rw-------");
        Files.writeString(file, "bootstrap.servers=elsewhere:9092\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(admit(file, NODE_KEY, "2MB/s")).isEqualTo(2);
        assertThat(err.text()).contains("'bootstrap.servers' is not allowed here");
        assertThat(dir.resolve("node.password")).doesNotExist();
    }

    @Test
    void anExistingPasswordFileIsNeverReplaced() throws Exception {
        Files.writeString(dir.resolve("node.password"), "old\n");
        assertThat(admit(adminConfig("rw-------"), NODE_KEY, "2MB/s")).isEqualTo(2);
        assertThat(err.text()).contains("exists; it is never replaced");
        assertThat(Files.readString(dir.resolve("node.password"))).isEqualTo("old\n");
    }
}
