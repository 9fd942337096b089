package org.gleaner.protocol.note;

import org.gleaner.protocol.ProtocolException;

/** Note text that is not a valid C2SP tlog-checkpoint body. */
public class MalformedCheckpointException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public MalformedCheckpointException(String message) {
        super(message);
    }
}
