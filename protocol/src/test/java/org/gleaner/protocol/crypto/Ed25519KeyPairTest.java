package org.gleaner.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ed25519KeyPairTest {
    @TempDir
    Path dir;

    @Test
    void saveAndLoadRoundTripWithOwnerOnlyPermissions() throws Exception {
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        Path file = dir.resolve("node.key");
        pair.save(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String content = Files.readString(file, StandardCharsets.US_ASCII);
        assertThat(content).startsWith(Ed25519KeyPair.FILE_HEADER + "\n").endsWith("\n");
        assertThat(content.lines()).hasSize(2);

        Ed25519KeyPair loaded = Ed25519KeyPair.load(file);
        assertThat(loaded.publicKey()).isEqualTo(pair.publicKey());
        assertThat(loaded.sign(new byte[] {1, 2})).isEqualTo(pair.sign(new byte[] {1, 2}));
    }

    @Test
    void saveNeverReplacesAFile() throws Exception {
        Path file = dir.resolve("node.key");
        Ed25519KeyPair first = Ed25519KeyPair.generate();
        first.save(file);
        assertThatThrownBy(() -> Ed25519KeyPair.generate().save(file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Ed25519KeyPair.load(file).publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws Exception {
        Path file = dir.resolve("node.key");
        Ed25519KeyPair.generate().save(file);
        for (String permissions : new String[] {"rw-r-----", "rw----r--", "rw--w----", "rw-----w-", "rwx---r-x"}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
            assertThatThrownBy(() -> Ed25519KeyPair.load(file))
                    .isInstanceOfSatisfying(KeyFileException.class, e -> {
                        assertThat(e.reason()).isEqualTo(KeyFileException.Reason.INSECURE_PERMISSIONS);
                        assertThat(e.getMessage()).contains(permissions).contains("chmod 600");
                    });
        }
    }

    @Test
    void loadOrCreateCreatesOnceThenLoads() throws Exception {
        Path file = dir.resolve("state/identity/node.key");
        Ed25519KeyPair created = Ed25519KeyPair.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Ed25519KeyPair.loadOrCreate(file).publicKey()).isEqualTo(created.publicKey());
    }

    @Test
    void malformedKeyFilesAreRefused() throws Exception {
        String seed = Base64.getEncoder().encodeToString(new byte[32]);
        String[] contents = {
            "",
            "gleaner-ed25519-private-key v2\n" + seed + "\n",
            Ed25519KeyPair.FILE_HEADER + "\n" + seed,
            Ed25519KeyPair.FILE_HEADER + "\n" + seed + "\nextra\n",
            Ed25519KeyPair.FILE_HEADER + "\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n",
            Ed25519KeyPair.FILE_HEADER + "\n" + seed.replace("=", "") + "\n",
            Ed25519KeyPair.FILE_HEADER + "\n!!!\n",
        };
        int i = 0;
        for (String content : contents) {
            Path file = dir.resolve("bad" + i++);
            Files.writeString(file, content, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            assertThatThrownBy(() -> Ed25519KeyPair.load(file))
                    .isInstanceOfSatisfying(KeyFileException.class,
                            e -> assertThat(e.reason()).isEqualTo(KeyFileException.Reason.MALFORMED));
        }
    }

    @Test
    void toStringNeverShowsThePrivateKey() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        byte[] seed = pair.exportSeed();
        assertThat(pair.toString())
                .contains(pair.publicKey().fingerprint())
                .doesNotContain(HexFormat.of().formatHex(seed))
                .doesNotContain(Base64.getEncoder().encodeToString(seed));
    }

    @Test
    void seedsMustBe32Bytes() {
        assertThatThrownBy(() -> Ed25519KeyPair.fromSeed(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
