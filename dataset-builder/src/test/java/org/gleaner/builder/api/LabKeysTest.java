package org.gleaner.builder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabKeysTest {
    @TempDir
    Path dir;

    @Test
    void theKeysFileHoldsHashesAndAuthenticatesTheKeysOnly() throws Exception {
        String a = LabKeys.generateKey();
        String b = LabKeys.generateKey();
        Path file = dir.resolve("lab-keys");
        Files.writeString(file, "# labs\n" + LabKeys.keysFileLine("lab-a", a) + "\n\n" + LabKeys.keysFileLine("lab-b", b) + "\n");

        LabKeys keys = LabKeys.load(file);

        assertThat(a).startsWith("glk_").hasSize(47).isNotEqualTo(b);
        assertThat(Files.readString(file)).doesNotContain(a.substring(4)).doesNotContain(b.substring(4));
        assertThat(keys.authenticate("Bearer " + a)).hasValue("lab-a");
        assertThat(keys.authenticate("Bearer " + b)).hasValue("lab-b");
        assertThat(keys.authenticate("Bearer " + a + "x")).isEmpty();
        assertThat(keys.authenticate(a)).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
        assertThat(keys.authenticate("Bearer " + "x".repeat(10_000))).isEmpty();
        assertThat(keys.toString()).doesNotContain(a);
    }

    @Test
    void aMalformedLineIsAnErrorNamingItsLine() throws Exception {
        Path file = dir.resolve("lab-keys");
        Files.writeString(file, LabKeys.keysFileLine("lab-a", LabKeys.generateKey()) + "\nlab-b glk_plaintext\n");

        assertThatThrownBy(() -> LabKeys.load(file)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> LabKeys.keysFileLine("Lab A", "k")).isInstanceOf(IllegalArgumentException.class);
    }
}
