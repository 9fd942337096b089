package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedStream out = CapturedStream.stdout();
    @RegisterExtension
    final CapturedStream err = CapturedStream.stderr();

    @Test
    void createWritesAnOwnerOnlyKeyAndPrintsItsPublicHalf() throws Exception {
        Path file = dir.resolve("coordinator.key");
        assertThat(GleanerCli.run("keys", "create", file.toString())).isZero();
        String publicKey = Ed25519KeyPair.load(file).publicKey().fingerprint();
        assertThat(out.text()).contains("public key  " + publicKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        out.reset();
        assertThat(GleanerCli.run("keys", "show", file.toString())).isZero();
        assertThat(out.text()).contains("public key  " + publicKey);
    }

    @Test
    void anExistingKeyIsNeverReplaced() throws Exception {
        Path file = dir.resolve("coordinator.key");
        assertThat(GleanerCli.run("keys", "create", file.toString())).isZero();
        byte[] before = Files.readAllBytes(file);
        assertThat(GleanerCli.run("keys", "create", file.toString())).isEqualTo(2);
        assertThat(err.text()).contains("exists; it is never replaced");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void showingAMissingKeyIsRefused() {
        assertThat(GleanerCli.run("keys", "show", dir.resolve("none.key").toString())).isEqualTo(2);
        assertThat(err.text()).contains("no such key file");
    }
}
