package org.gleaner.protocol.note;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A C2SP signed note (https://c2sp.org/signed-note) whose signatures have been checked: the text, the
 * signatures from known keys that verified, and the signatures from unknown keys that were ignored.
 *
 * <p>{@link #open} follows the spec and Go's golang.org/x/mod/sumdb/note, with two deliberate
 * differences: a note larger than {@value #MAX_NOTE_BYTES} bytes is refused, and every signature line
 * from a known key is verified, so a bad duplicate cannot hide behind a good one (Go skips duplicates).
 */
public final class SignedNote {
    /** Upper bound on the size of a whole signed note. */
    public static final int MAX_NOTE_BYTES = 1 << 20;
    /** Upper bound on the number of signature lines, as in Go. */
    public static final int MAX_SIGNATURES = 100;

    static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final int MIN_SIGNATURE_BYTES = 5;

    private final String text;
    private final List<NoteSignature> verified;
    private final List<NoteSignature> unverified;

    private SignedNote(String text, List<NoteSignature> verified, List<NoteSignature> unverified) {
        this.text = text;
        this.verified = List.copyOf(verified);
        this.unverified = List.copyOf(unverified);
    }

    /** Signs {@code text} with every signer and returns the encoded note. */
    public static byte[] sign(String text, NoteSigner... signers) throws NoteException {
        return sign(text, Arrays.asList(signers));
    }

    /**
     * Signs {@code text} with every signer (at least one, no two with the same name and key ID) and returns
     * the encoded note. The text must end with a newline, contain no control character other than newline
     * and encode to valid UTF-8.
     */
    public static byte[] sign(String text, List<NoteSigner> signers) throws NoteException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(signers, "signers");
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("a note needs at least one signer");
        }
        byte[] textBytes = encodeText(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream(textBytes.length + 128 * signers.size());
        out.writeBytes(textBytes);
        out.write('\n');
        Set<String> seen = new HashSet<>();
        for (NoteSigner signer : signers) {
            if (!seen.add(signer.name() + "+" + signer.keyId())) {
                throw new IllegalArgumentException("two signers share the key " + signer.verifier().encode());
            }
            byte[] signature = signer.sign(textBytes);
            byte[] tagged = ByteBuffer.allocate(4 + signature.length).putInt(signer.keyId()).put(signature).array();
            String line = SIGNATURE_PREFIX + signer.name() + " " + Base64.getEncoder().encodeToString(tagged) + "\n";
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        }
        if (out.size() > MAX_NOTE_BYTES) {
            throw new NoteException(NoteException.Reason.TOO_LARGE, "signed note would exceed " + MAX_NOTE_BYTES + " bytes");
        }
        return out.toByteArray();
    }

    /** {@link #open(byte[], Collection)} with the given verifiers. */
    public static SignedNote open(byte[] note, NoteVerifier... known) throws NoteException {
        return open(note, Arrays.asList(known));
    }

    /**
     * Parses {@code note} and checks its signatures against the known verifiers. Signatures whose name and
     * key ID pair matches no known verifier are ignored (and listed as unverified).
     *
     * @throws NoteException if the note is malformed or too large, has too many signature lines, carries a
     *     signature from a known key that does not verify, or has no verified signature
     * @throws IllegalArgumentException if two different known keys share a name and key ID
     */
    public static SignedNote open(byte[] note, Collection<NoteVerifier> known) throws NoteException {
        Objects.requireNonNull(note, "note");
        Map<String, NoteVerifier> verifiers = index(known);
        if (note.length > MAX_NOTE_BYTES) {
            throw new NoteException(NoteException.Reason.TOO_LARGE, "note exceeds " + MAX_NOTE_BYTES + " bytes");
        }
        String decoded = decodeUtf8(note);
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw malformed("note contains a control character");
            }
        }
        int split = lastBlankLine(note);
        if (split < 0) {
            throw malformed("note has no blank line before its signatures");
        }
        byte[] textBytes = Arrays.copyOf(note, split + 1);
        String signatureBlock = new String(note, split + 2, note.length - split - 2, StandardCharsets.UTF_8);
        if (signatureBlock.isEmpty() || !signatureBlock.endsWith("\n")) {
            throw malformed("note must end with signature lines, each ending in a newline");
        }

        List<NoteSignature> verified = new ArrayList<>();
        Map<String, NoteSignature> unverified = new LinkedHashMap<>();
        Set<String> verifiedKeys = new HashSet<>();
        String[] lines = signatureBlock.substring(0, signatureBlock.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw new NoteException(NoteException.Reason.TOO_MANY_SIGNATURES,
                    "note has more than " + MAX_SIGNATURES + " signature lines");
        }
        for (String line : lines) {
            NoteSignature signature = parseLine(line);
            byte[] raw = Base64.getDecoder().decode(signature.base64());
            NoteVerifier verifier = verifiers.get(key(signature.name(), signature.keyId()));
            if (verifier == null) {
                unverified.putIfAbsent(line, signature);
                continue;
            }
            if (!verifier.verify(textBytes, Arrays.copyOfRange(raw, 4, raw.length))) {
                throw new NoteException(NoteException.Reason.INVALID_SIGNATURE,
                        "signature by known key " + signature.name() + "+" + signature.keyIdHex() + " does not verify");
            }
            if (verifiedKeys.add(key(signature.name(), signature.keyId()))) {
                verified.add(signature);
            }
        }
        if (verified.isEmpty()) {
            throw new NoteException(NoteException.Reason.NO_VERIFIED_SIGNATURE, "note has no signature from a known key");
        }
        return new SignedNote(new String(textBytes, StandardCharsets.UTF_8), verified, List.copyOf(unverified.values()));
    }

    /** The signed text, final newline included. */
    public String text() {
        return text;
    }

    /** Signatures from known keys, all verified, one per key, in note order. */
    public List<NoteSignature> verifiedSignatures() {
        return verified;
    }

    /** Signatures from keys that were not known, not checked. */
    public List<NoteSignature> unverifiedSignatures() {
        return unverified;
    }

    public boolean isVerifiedBy(NoteVerifier verifier) {
        return verified.stream().anyMatch(s -> s.name().equals(verifier.name()) && s.keyId() == verifier.keyId());
    }

    private static NoteSignature parseLine(String line) throws NoteException {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw malformed("signature line does not start with an em dash and a space");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw malformed("signature line has no signature");
        }
        String name = rest.substring(0, space);
        String base64 = rest.substring(space + 1);
        if (!KeyName.isValid(name)) {
            throw malformed("signature line has an invalid key name");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw malformed("signature is not valid base64");
        }
        if (base64.length() % 4 != 0 || raw.length < MIN_SIGNATURE_BYTES) {
            throw malformed("signature is not a padded base64 key ID and signature");
        }
        return new NoteSignature(name, ByteBuffer.wrap(raw, 0, 4).getInt(), base64);
    }

    private static byte[] encodeText(String text) throws NoteException {
        if (!text.endsWith("\n")) {
            throw malformed("note text must end with a newline");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw malformed("note text contains a control character");
            }
        }
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw malformed("note text is not valid Unicode");
        }
    }

    private static String decodeUtf8(byte[] note) throws NoteException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(note))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed("note is not valid UTF-8");
        }
    }

    /** Index of the first newline of the last "\n\n" in the note, or -1. */
    private static int lastBlankLine(byte[] note) {
        for (int i = note.length - 2; i >= 0; i--) {
            if (note[i] == '\n' && note[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, NoteVerifier> index(Collection<NoteVerifier> known) {
        Objects.requireNonNull(known, "known");
        Map<String, NoteVerifier> byKey = new HashMap<>();
        for (NoteVerifier verifier : known) {
            NoteVerifier previous = byKey.putIfAbsent(key(verifier.name(), verifier.keyId()), verifier);
            if (previous != null && !previous.equals(verifier)) {
                throw new IllegalArgumentException("ambiguous known keys for " + verifier.name() + "+" + verifier.keyIdHex());
            }
        }
        return byKey;
    }

    private static String key(String name, int keyId) {
        return name + "+" + keyId;
    }

    private static NoteException malformed(String message) {
        return new NoteException(NoteException.Reason.MALFORMED, message);
    }

    @Override
    public String toString() {
        return "SignedNote[" + verified.size() + " verified, " + unverified.size() + " unverified]";
    }
}
