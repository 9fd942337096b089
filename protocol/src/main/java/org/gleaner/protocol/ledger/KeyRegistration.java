package org.gleaner.protocol.ledger;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;

/**
 * A data subject registers the entry's author key as a new subject. The envelope signature proves
 * possession of the key; the subject's id is this first key for as long as the subject exists, even after
 * rotations.
 */
public record KeyRegistration() implements LedgerPayload {
    public static final int VERSION = 1;

    @Override
    public EntryType entryType() {
        return EntryType.KEY_REGISTRATION;
    }

    @Override
    public Bytes encode() {
        return new CanonicalWriter(1).u8(VERSION).toBytes();
    }

    public static KeyRegistration decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, 1, "keyRegistration", r -> {
            RecordDecoding.expectVersion(r, "keyRegistration", VERSION);
            return new KeyRegistration();
        });
    }
}
