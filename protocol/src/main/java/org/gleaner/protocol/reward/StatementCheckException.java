package org.gleaner.protocol.reward;

import org.gleaner.protocol.ProtocolException;

/** A reward statement did not check out; the message says which check failed. */
public final class StatementCheckException extends ProtocolException {
    public StatementCheckException(String message) {
        super(message);
    }
}
