package org.gleaner.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("service.properties");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void readsKeysInOrderWithCommentsAndBlankLinesIgnored() throws Exception {
        ConfigFile file = ConfigFile.read(write("# the node\n\nkafka = 127.0.0.1:9092\n! also a comment\nshare:2MB/s\ndata-dir=/var/lib/gleaner  \n"));
        assertThat(file.entries()).containsExactly(
                java.util.Map.entry("kafka", "127.0.0.1:9092"),
                java.util.Map.entry("share", "2MB/s"),
                java.util.Map.entry("data-dir", "/var/lib/gleaner"));
    }

    @Test
    void aKeySetTwiceIsRefusedByName() throws Exception {
        Path file = write("kafka=a:1\nkafka=b:2\n");
        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'kafka' is set twice");
    }

    @Test
    void aKeyThatCannotBeAnOptionNameIsRefused() throws Exception {
        Path file = write("Kafka.Servers=a:1\n");
        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'Kafka.Servers' is not a valid key");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> ConfigFile.read(missing)).isInstanceOf(ConfigException.class)
                .hasMessage("no such configuration file: " + missing);
    }

    @Test
    void aFileOverTheSizeLimitIsNotRead() throws Exception {
        Path file = write("# " + "x".repeat((int) ConfigFile.MAX_BYTES) + "\n");
        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("larger than 64 KiB");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception {
        Path file = dir.resolve("latin1.properties");
        Files.write(file, new byte[] {'o', 'r', 'i', 'g', 'i', 'n', '=', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void aSecretInAFileOthersCanReadIsRefusedWithoutShowingIt() throws Exception {
        Path file = write("kafka-password = s3cr3t-value\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'kafka-password'").hasMessageContaining("chmod 600")
                .message().doesNotContain("s3cr3t-value");
    }

    @Test
    void aSecretInAnOwnerOnlyFileIsAccepted() throws Exception {
        assertThat(ConfigFile.read(write("kafka-password = s3cr3t-value\n")).entries()).containsKey("kafka-password");
    }

    @Test
    void secretKeysAreRecognisedByName() {
        assertThat(ConfigFile.isSecretKey("kafka-password")).isTrue();
        assertThat(ConfigFile.isSecretKey("api-token")).isTrue();
        assertThat(ConfigFile.isSecretKey("api-token-file")).isFalse();
        assertThat(ConfigFile.isSecretKey("coordinator-key")).isFalse();
    }
}
