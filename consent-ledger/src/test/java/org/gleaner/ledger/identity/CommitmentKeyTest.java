package org.gleaner.ledger.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitmentKeyTest {
    private final IdentifierNormalizer normalizer = new IdentifierNormalizer("DE");

    @Test
    void everySpellingOfOneIdentifierHasOneCommitment() throws Exception {
        CommitmentKey key = CommitmentKey.generate();
        assertThat(key.commit(normalizer.normalize(IdentifierKind.EMAIL, "Alice@Example.com")))
                .isEqualTo(key.commit(normalizer.normalize(IdentifierKind.EMAIL, "alice@example.COM")));
        assertThat(key.commit(normalizer.normalize(IdentifierKind.EMAIL, "alice@example.com")))
                .isNotEqualTo(key.commit(normalizer.normalize(IdentifierKind.EMAIL, "bob@example.com")));
    }

    @Test
    void commitmentsDependOnTheSecretAndTheKind() throws Exception {
        NormalizedIdentifier domain = normalizer.normalize(IdentifierKind.DOMAIN, "example.com");
        CommitmentKey a = CommitmentKey.generate();
        assertThat(a.commit(domain)).isNotEqualTo(CommitmentKey.generate().commit(domain));
        assertThat(a.commit(domain)).isNotEqualTo(a.commit(new NormalizedIdentifier(IdentifierKind.EMAIL, "example.com")));
        assertThat(a.commit(domain).length()).isEqualTo(32);
    }

    @Test
    void secretFileIsOwnerOnlyAndStable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("commitment.secret");
        NormalizedIdentifier id = normalizer.normalize(IdentifierKind.DOMAIN, "example.com");
        CommitmentKey created = CommitmentKey.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(CommitmentKey.loadOrCreate(file).commit(id)).isEqualTo(created.commit(id));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> CommitmentKey.loadOrCreate(file)).hasMessageContaining("owner only");
    }
}
