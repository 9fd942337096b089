package org.gleaner.protocol.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;

class CosignatureV1Test {
    private final NoteSigner log = logSigner();
    private final Ed25519KeyPair witnessKey = Ed25519KeyPair.generate();

    private static NoteSigner logSigner() {
        try {
            return NoteSigner.generate("example.com/log");
        } catch (NoteKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCosignedCheckpointKeepsTheLogSignatureAndVerifiesTheWitness() throws Exception {
        byte[] note = new Checkpoint("example.com/log", 42, new byte[32]).sign(log);
        SignedNote opened = SignedNote.open(note, log.verifier());
        NoteSignature cosignature = CosignatureV1.sign("witness.example/w1", witnessKey, opened.text(), 1_700_000_000L);
        byte[] cosigned = CosignatureV1.append(note, cosignature);

        SignedNote reopened = SignedNote.open(cosigned, log.verifier());
        assertThat(reopened.unverifiedSignatures()).hasSize(1);
        CosignatureV1 witness = CosignatureV1.parse(CosignatureV1.of("witness.example/w1", witnessKey.publicKey()).encode());
        assertThat(witness.verify(reopened.text(), reopened.unverifiedSignatures().get(0))).hasValue(1_700_000_000L);
        assertThat(new String(cosigned, StandardCharsets.UTF_8)).endsWith(cosignature.line());
    }

    @Test
    void aCosignatureDoesNotVerifyForAnotherCheckpointKeyOrName() throws Exception {
        String text = new Checkpoint("example.com/log", 42, new byte[32]).toNoteText();
        String other = new Checkpoint("example.com/log", 43, new byte[32]).toNoteText();
        NoteSignature cosignature = CosignatureV1.sign("witness.example/w1", witnessKey, text, 5);
        CosignatureV1 witness = CosignatureV1.of("witness.example/w1", witnessKey.publicKey());
        assertThat(witness.verify(other, cosignature)).isEmpty();
        assertThat(CosignatureV1.of("witness.example/w1", Ed25519KeyPair.generate().publicKey()).verify(text, cosignature)).isEmpty();
        assertThat(CosignatureV1.of("witness.example/w2", witnessKey.publicKey()).verify(text, cosignature)).isEmpty();
        // A note signature (0x01 key ID) by the same key is not a cosignature.
        assertThat(CosignatureV1.of("witness.example/w1", witnessKey.publicKey()).keyId())
                .isNotEqualTo(NoteVerifier.of("witness.example/w1", witnessKey.publicKey()).keyId());
    }

    @Test
    void parsesOnlyWellFormedCosignerKeys() throws Exception {
        String good = CosignatureV1.of("w", witnessKey.publicKey()).encode();
        String[] parts = good.split("\\+", 3);
        assertThatThrownBy(() -> CosignatureV1.parse("w+00000000+" + parts[2])).isInstanceOf(NoteKeyException.class);
        assertThatThrownBy(() -> CosignatureV1.parse(NoteVerifier.of("w", witnessKey.publicKey()).encode()))
                .isInstanceOf(NoteKeyException.class);
        assertThatThrownBy(() -> CosignatureV1.parse("nonsense")).isInstanceOf(NoteKeyException.class);
    }
}
