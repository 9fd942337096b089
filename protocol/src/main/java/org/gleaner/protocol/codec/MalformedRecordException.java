package org.gleaner.protocol.codec;

import org.gleaner.protocol.ProtocolException;

/** Input that does not decode as the record it claims to be: truncated, oversized, trailing bytes, bad UTF-8, unknown version. */
public class MalformedRecordException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public MalformedRecordException(String message) {
        super(message);
    }

    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
