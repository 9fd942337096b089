package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path dir;

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void createWritesAnOwnerOnlyKeyAndPrintsItsPublicHalf() throws Exception {
        Path file = dir.resolve("coordinator.key");
        assertThat(GleanerCli.run("keys", "create", file.toString())).isZero();
        String publicKey = Ed25519KeyPair.load(file).publicKey().fingerprint();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("public key  " + publicKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        out.reset();
        assertThat(GleanerCli.run("keys", "show", file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("public key  " + publicKey);
    }

    @Test
    void anExistingKeyIsNeverReplaced() throws Exception {
        Path file = dir.resolve("coordinator.key");
        assertThat(GleanerCli.run("keys", "create", file.toString())).isZero();
        byte[] before = Files.readAllBytes(file);
        assertThat(GleanerCli.run("keys", "create", file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exists; it is never replaced");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void showingAMissingKeyIsRefused() {
        assertThat(GleanerCli.run("keys", "show", dir.resolve("none.key").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such key file");
    }
}
