package org.gleaner.protocol.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.gleaner.protocol.merkle.SharedTestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The published signed-note vectors in {@code shared/testdata/signed-note} (from Go's sumdb/note tests). */
class PublishedVectorTest {
    record Vector(String file, String verifierKey, String signerKey, String text, String signatureLine) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Vector> vectors() throws IOException {
        Path dir = SharedTestData.find("signed-note");
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(PublishedVectorTest::read);
    }

    /** Reads the labelled plain-text layout: vkey, skey, the text lines, then the signature line. */
    private static Vector read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        String vkey = null;
        String skey = null;
        String signature = null;
        StringBuilder text = new StringBuilder();
        boolean inText = false;
        for (String line : lines) {
            if (line.startsWith("vkey: ")) {
                vkey = line.substring(6);
            } else if (line.startsWith("skey: ")) {
                skey = line.substring(6);
            } else if (line.startsWith("note text")) {
                inText = true;
            } else if (line.startsWith("signature line")) {
                inText = false;
            } else if (inText) {
                text.append(line).append('\n');
            } else if (line.startsWith("\u2014 ")) {
                signature = line;
            }
        }
        assertThat(vkey).as("vkey in %s", file).isNotNull();
        assertThat(skey).as("skey in %s", file).isNotNull();
        assertThat(signature).as("signature line in %s", file).isNotNull();
        assertThat(text).as("note text in %s", file).isNotEmpty();
        return new Vector(file.getFileName().toString(), vkey, skey, text.toString(), signature);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void keysParseAndFormatIdentically(Vector vector) throws Exception {
        NoteVerifier verifier = NoteVerifier.parse(vector.verifierKey());
        NoteSigner signer = NoteSigner.parse(vector.signerKey());

        assertThat(verifier.encode()).isEqualTo(vector.verifierKey());
        assertThat(signer.encodePrivateKey()).isEqualTo(vector.signerKey());
        assertThat(signer.verifier()).isEqualTo(verifier);
        assertThat(vector.verifierKey()).startsWith(verifier.name() + "+" + verifier.keyIdHex() + "+");
        assertThat(NoteVerifier.keyId(verifier.name(), verifier.publicKey())).isEqualTo(verifier.keyId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signingReproducesThePublishedSignatureLine(Vector vector) throws Exception {
        NoteSigner signer = NoteSigner.parse(vector.signerKey());
        String expected = vector.text() + "\n" + vector.signatureLine() + "\n";

        assertThat(new String(SignedNote.sign(vector.text(), signer), StandardCharsets.UTF_8)).isEqualTo(expected);

        String base64 = vector.signatureLine().substring(vector.signatureLine().lastIndexOf(' ') + 1);
        byte[] raw = Base64.getDecoder().decode(base64);
        assertThat(raw).hasSize(68);
        assertThat(ByteBuffer.wrap(raw).getInt()).isEqualTo(signer.keyId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void thePublishedNoteVerifies(Vector vector) throws Exception {
        NoteVerifier verifier = NoteVerifier.parse(vector.verifierKey());
        byte[] note = (vector.text() + "\n" + vector.signatureLine() + "\n").getBytes(StandardCharsets.UTF_8);

        SignedNote opened = SignedNote.open(note, verifier);

        assertThat(opened.text()).isEqualTo(vector.text());
        assertThat(opened.isVerifiedBy(verifier)).isTrue();
        assertThat(opened.verifiedSignatures()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo(verifier.name());
            assertThat(s.keyIdHex()).isEqualTo(verifier.keyIdHex());
            assertThat(s.line()).isEqualTo(vector.signatureLine() + "\n");
        });
        assertThat(opened.unverifiedSignatures()).isEmpty();
    }
}
