package org.gleaner.coordinator.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A refused API call: its status and a one-line reason, answered as RFC 9457 problem details. */
public final class ApiException extends ResponseStatusException {
    public ApiException(HttpStatus status, String reason) {
        super(status, reason);
    }
}
