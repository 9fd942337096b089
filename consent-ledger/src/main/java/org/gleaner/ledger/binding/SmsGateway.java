package org.gleaner.ledger.binding;

import java.io.IOException;

/**
 * Sends a text message to a phone number (E.164). No real gateway can run here (it needs an operator's
 * account with an SMS provider); the only implementation is {@link DevelopmentSmsOutbox}, which writes the
 * messages to files for development and tests.
 */
public interface SmsGateway {
    void send(String e164, String text) throws IOException;
}
