package org.gleaner.protocol.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedNoteTest {
    private static final String TEXT = "gleaner.test/ledger\n42\nline three\n";

    private final NoteSigner ledger = signer("gleaner.test/ledger");
    private final NoteSigner witness = signer("witness.test/w1");

    @Test
    void signAndOpenRoundTrip() throws Exception {
        byte[] note = SignedNote.sign(TEXT, ledger, witness);
        String encoded = new String(note, StandardCharsets.UTF_8);
        assertThat(encoded).startsWith(TEXT + "\n\u2014 gleaner.test/ledger ").endsWith("\n");
        assertThat(encoded.lines()).hasSize(6);

        SignedNote opened = SignedNote.open(note, ledger.verifier(), witness.verifier());
        assertThat(opened.text()).isEqualTo(TEXT);
        assertThat(opened.verifiedSignatures()).extracting(NoteSignature::name)
                .containsExactly("gleaner.test/ledger", "witness.test/w1");
        assertThat(opened.isVerifiedBy(ledger.verifier())).isTrue();
        assertThat(opened.unverifiedSignatures()).isEmpty();
    }

    @Test
    void unknownKeysAreIgnored() throws Exception {
        byte[] note = SignedNote.sign(TEXT, ledger, witness);
        SignedNote opened = SignedNote.open(note, List.of(ledger.verifier()));
        assertThat(opened.verifiedSignatures()).extracting(NoteSignature::name).containsExactly("gleaner.test/ledger");
        assertThat(opened.unverifiedSignatures()).singleElement()
                .satisfies(s -> assertThat(s.keyId()).isEqualTo(witness.keyId()));
        assertThat(opened.isVerifiedBy(witness.verifier())).isFalse();
    }

    @Test
    void aKeySharingOnlyTheNameOrOnlyTheIdIsUnknown() throws Exception {
        NoteSigner impostor = signer("gleaner.test/ledger");
        byte[] note = SignedNote.sign(TEXT, impostor, ledger);
        SignedNote opened = SignedNote.open(note, ledger.verifier());
        assertThat(opened.verifiedSignatures()).singleElement()
                .satisfies(s -> assertThat(s.keyId()).isEqualTo(ledger.keyId()));
        assertThat(opened.unverifiedSignatures()).singleElement()
                .satisfies(s -> assertThat(s.keyId()).isEqualTo(impostor.keyId()));

        String renamed = new String(SignedNote.sign(TEXT, ledger), StandardCharsets.UTF_8)
                .replace("\u2014 gleaner.test/ledger ", "\u2014 other.test/ledger ");
        assertReason(renamed.getBytes(StandardCharsets.UTF_8), NoteException.Reason.NO_VERIFIED_SIGNATURE, ledger);
    }

    @Test
    void aNoteWithNoKnownSignatureIsRejected() throws Exception {
        byte[] note = SignedNote.sign(TEXT, witness);
        assertReason(note, NoteException.Reason.NO_VERIFIED_SIGNATURE, ledger);
        assertReason(note, NoteException.Reason.NO_VERIFIED_SIGNATURE);
    }

    @Test
    void tamperedTextIsRejected() throws Exception {
        String note = new String(SignedNote.sign(TEXT, ledger, witness), StandardCharsets.UTF_8);
        byte[] tampered = note.replace("\n42\n", "\n43\n").getBytes(StandardCharsets.UTF_8);
        assertReason(tampered, NoteException.Reason.INVALID_SIGNATURE, ledger);
        assertReason(tampered, NoteException.Reason.INVALID_SIGNATURE, witness);
    }

    @Test
    void aBadSignatureFromAKnownKeyRejectsTheNoteEvenNextToAGoodOne() throws Exception {
        String good = new String(SignedNote.sign(TEXT, ledger), StandardCharsets.UTF_8);
        String signatureLine = good.substring(TEXT.length() + 1);
        byte[] raw = Base64.getDecoder().decode(signatureLine.substring(signatureLine.lastIndexOf(' ') + 1).trim());
        raw[10] ^= 1;
        String badLine = "\u2014 gleaner.test/ledger " + Base64.getEncoder().encodeToString(raw) + "\n";
        assertReason((TEXT + "\n" + signatureLine + badLine).getBytes(StandardCharsets.UTF_8),
                NoteException.Reason.INVALID_SIGNATURE, ledger);
        assertReason((TEXT + "\n" + badLine + signatureLine).getBytes(StandardCharsets.UTF_8),
                NoteException.Reason.INVALID_SIGNATURE, ledger);
        assertThat(SignedNote.open((TEXT + "\n" + signatureLine + signatureLine).getBytes(StandardCharsets.UTF_8),
                ledger.verifier()).verifiedSignatures()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "no blank line\n\u2014 gleaner.test/ledger AAAAAAAAAAAA\n",
        "text\n\n",
        "text\n\n\u2014 gleaner.test/ledger AAAAAAAAAAAA",
        "text\n\n- gleaner.test/ledger AAAAAAAAAAAA\n",
        "text\n\n\u2014gleaner.test/ledger AAAAAAAAAAAA\n",
        "text\n\n\u2014 gleaner.test/ledger\n",
        "text\n\n\u2014 gleaner.test/ledger \n",
        "text\n\n\u2014 gleaner.test/ledger AAAAAAAAAAA\n",
        "text\n\n\u2014 gleaner.test/ledger AAAAAAAAAAAAA\n",
        "text\n\n\u2014 gleaner.test/ledger AAAA\n",
        "text\n\n\u2014 gleaner.test/ledger AAAA AAAAAAAA\n",
        "text\n\n\u2014 gleaner.test/ledger AAAA!AAAAAAA\n",
        "text\n\n\u2014 a+b AAAAAAAAAAAA\n",
        "text\n\n\u2014  AAAAAAAAAAAA\n",
        "text\n\n\u2014 gleaner.test/ledger AAAAAAAAAAAA\n\n",
        "tab\there\n\n\u2014 gleaner.test/ledger AAAAAAAAAAAA\n",
        "carriage\r\n\n\u2014 gleaner.test/ledger AAAAAAAAAAAA\n",
    })
    void malformedNotesAreRejected(String note) {
        assertReason(note.getBytes(StandardCharsets.UTF_8), NoteException.Reason.MALFORMED, ledger);
    }

    @Test
    void invalidUtf8IsRejected() throws Exception {
        byte[] good = SignedNote.sign(TEXT, ledger);
        byte[] bad = good.clone();
        bad[2] = (byte) 0xff;
        assertReason(bad, NoteException.Reason.MALFORMED, ledger);
        byte[] overlong = good.clone();
        overlong[0] = (byte) 0xc0;
        overlong[1] = (byte) 0xaf;
        assertReason(overlong, NoteException.Reason.MALFORMED, ledger);
    }

    @Test
    void sizeAndSignatureCountAreCapped() throws Exception {
        String big = "x".repeat(SignedNote.MAX_NOTE_BYTES) + "\n";
        assertThatThrownBy(() -> SignedNote.sign(big, ledger))
                .isInstanceOfSatisfying(NoteException.class, e -> assertThat(e.reason()).isEqualTo(NoteException.Reason.TOO_LARGE));
        byte[] oversized = (big + "\n\u2014 gleaner.test/ledger AAAAAAAAAAAA\n").getBytes(StandardCharsets.UTF_8);
        assertReason(oversized, NoteException.Reason.TOO_LARGE, ledger);

        String signed = new String(SignedNote.sign(TEXT, ledger), StandardCharsets.UTF_8);
        String unknownLine = "\u2014 someone.test " + Base64.getEncoder().encodeToString(new byte[68]) + "\n";
        String atLimit = signed + unknownLine.repeat(SignedNote.MAX_SIGNATURES - 1);
        assertThat(SignedNote.open(atLimit.getBytes(StandardCharsets.UTF_8), ledger.verifier()).verifiedSignatures())
                .hasSize(1);
        assertReason((atLimit + unknownLine).getBytes(StandardCharsets.UTF_8), NoteException.Reason.TOO_MANY_SIGNATURES, ledger);
    }

    @Test
    void textRulesAreEnforcedWhenSigning() throws Exception {
        for (String text : new String[] {"no newline", "bell\u0007\n", "lone \ud800 surrogate\n"}) {
            assertThatThrownBy(() -> SignedNote.sign(text, ledger))
                    .isInstanceOfSatisfying(NoteException.class, e -> assertThat(e.reason()).isEqualTo(NoteException.Reason.MALFORMED));
        }
        assertThatThrownBy(() -> SignedNote.sign(TEXT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.sign(TEXT, ledger, ledger)).isInstanceOf(IllegalArgumentException.class);
        // Blank lines inside the text are allowed: the last blank line separates the signatures.
        String withBlank = "a\n\nb\n\n";
        assertThat(SignedNote.open(SignedNote.sign(withBlank, ledger), ledger.verifier()).text()).isEqualTo(withBlank);
        assertThat(SignedNote.open(SignedNote.sign("\n", ledger), ledger.verifier()).text()).isEqualTo("\n");
    }

    @Test
    void listingAKnownKeyTwiceIsHarmless() throws Exception {
        byte[] note = SignedNote.sign(TEXT, ledger);
        assertThat(SignedNote.open(note, ledger.verifier(), ledger.verifier()).verifiedSignatures()).hasSize(1);
    }

    private static void assertReason(byte[] note, NoteException.Reason reason, NoteSigner... known) {
        NoteVerifier[] verifiers = new NoteVerifier[known.length];
        for (int i = 0; i < known.length; i++) {
            verifiers[i] = known[i].verifier();
        }
        assertThatThrownBy(() -> SignedNote.open(note, verifiers))
                .isInstanceOfSatisfying(NoteException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static NoteSigner signer(String name) {
        try {
            return NoteSigner.generate(name);
        } catch (NoteKeyException e) {
            throw new AssertionError(e);
        }
    }
}
