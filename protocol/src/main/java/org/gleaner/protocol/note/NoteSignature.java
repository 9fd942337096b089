package org.gleaner.protocol.note;

import java.util.Objects;

/**
 * One signature line of a note: the key name, the key ID and the base64 of {@code keyID || signature}
 * exactly as it appeared.
 */
public record NoteSignature(String name, int keyId, String base64) {
    public NoteSignature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(base64, "base64");
    }

    public String keyIdHex() {
        return String.format("%08x", keyId);
    }

    /** The line as it appears in a note, em dash first, newline included. */
    public String line() {
        return SignedNote.SIGNATURE_PREFIX + name + " " + base64 + "\n";
    }
}
