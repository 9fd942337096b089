package org.gleaner.protocol.net;

import java.net.UnknownHostException;

/**
 * The guard refused an address. An {@link UnknownHostException} so that it travels unchanged out of the HTTP
 * client's DNS step, and is never retried against another route.
 */
public final class EgressRefusedException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    public EgressRefusedException(String message) {
        super(message);
    }
}
