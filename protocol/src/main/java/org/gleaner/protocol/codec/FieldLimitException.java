package org.gleaner.protocol.codec;

/**
 * A record built in this process breaks a field limit. Unchecked because it is a programming error on the
 * writing side; data read from outside never raises it (decoders report {@link MalformedRecordException}).
 */
public class FieldLimitException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public FieldLimitException(String message) {
        super(message);
    }
}
