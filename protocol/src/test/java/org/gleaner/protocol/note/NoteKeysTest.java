package org.gleaner.protocol.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoteKeysTest {
    private static final String VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "tab\tname", "a+b", "nbsp\u00a0name", "ideographic\u3000space",
            "line\u2028sep", "nel\u0085", "bad\ud800surrogate"})
    void invalidNamesAreRefused(String name) {
        assertThat(KeyName.isValid(name)).isFalse();
        assertThatThrownBy(() -> NoteSigner.generate(name))
                .isInstanceOfSatisfying(NoteKeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(NoteKeyException.Reason.INVALID_NAME));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com/log42", "PeterNeumann", "gleaner.test/ledger", "ünïcödé/名前", "emoji\ud83d\ude00"})
    void validNamesAreAccepted(String name) throws Exception {
        assertThat(KeyName.isValid(name)).isTrue();
        NoteSigner signer = NoteSigner.generate(name);
        assertThat(NoteVerifier.parse(signer.verifier().encode())).isEqualTo(signer.verifier());
        assertThat(NoteSigner.parse(signer.encodePrivateKey()).verifier()).isEqualTo(signer.verifier());
    }

    @Test
    void generatedKeysRoundTrip() throws Exception {
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        NoteSigner signer = NoteSigner.of("gleaner.test/ledger", pair);
        String vkey = signer.verifier().encode();
        assertThat(vkey).matches("gleaner\\.test/ledger\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}");
        assertThat(signer.encodePrivateKey()).startsWith("PRIVATE+KEY+gleaner.test/ledger+" + signer.verifier().keyIdHex() + "+");
        String secret = signer.encodePrivateKey()
                .substring(("PRIVATE+KEY+gleaner.test/ledger+" + signer.verifier().keyIdHex() + "+").length());
        assertThat(signer.toString()).doesNotContain(secret).contains(vkey);
        assertThat(NoteVerifier.parse(vkey).publicKey()).isEqualTo(pair.publicKey());
    }

    @Test
    void verifierKeyErrorsAreTyped() {
        assertReason(() -> NoteVerifier.parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
                NoteKeyException.Reason.KEY_ID_MISMATCH);
        assertReason(() -> NoteVerifier.parse("PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
                NoteKeyException.Reason.MALFORMED);
        assertReason(() -> NoteVerifier.parse("PeterNeumann+c74f20a3"), NoteKeyException.Reason.MALFORMED);
        assertReason(() -> NoteVerifier.parse("PeterNeumann+c74f20a3+!!!"), NoteKeyException.Reason.MALFORMED);
        assertReason(() -> NoteVerifier.parse("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
                NoteKeyException.Reason.INVALID_NAME);
        byte[] typed = Base64.getDecoder().decode("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        typed[0] = 2;
        assertReason(() -> NoteVerifier.parse("PeterNeumann+c74f20a3+" + Base64.getEncoder().encodeToString(typed)),
                NoteKeyException.Reason.UNKNOWN_ALGORITHM);
        assertReason(() -> NoteVerifier.parse("PeterNeumann+c74f20a3+AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                NoteKeyException.Reason.INVALID_KEY);
        assertReason(() -> NoteVerifier.parse("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10"),
                NoteKeyException.Reason.MALFORMED);
    }

    @Test
    void signerKeyErrorsAreTyped() throws Exception {
        assertThat(NoteSigner.parse(SKEY).verifier().encode()).isEqualTo(VKEY);
        assertReason(() -> NoteSigner.parse(SKEY.replace("c74f20a3", "00000000")), NoteKeyException.Reason.KEY_ID_MISMATCH);
        assertReason(() -> NoteSigner.parse(SKEY.replace("PRIVATE+KEY+", "")), NoteKeyException.Reason.MALFORMED);
        assertReason(() -> NoteSigner.parse(VKEY), NoteKeyException.Reason.MALFORMED);
        assertReason(() -> NoteSigner.parse(SKEY.replace("AYEK", "AoEK")), NoteKeyException.Reason.UNKNOWN_ALGORITHM);
    }

    private static void assertReason(ThrowingRunnable call, NoteKeyException.Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(NoteKeyException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
