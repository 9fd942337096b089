package org.gleaner.builder.api;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request the API refuses, with the HTTP status, a one-line reason and any extra response headers. */
public final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final HttpStatus status;
    private final transient Map<String, String> headers;

    public ApiProblem(HttpStatus status, String reason) {
        this(status, reason, Map.of());
    }

    public ApiProblem(HttpStatus status, String reason, Map<String, String> headers) {
        super(reason);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, what);
    }

    static ApiProblem badRequest(String what) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, what);
    }
}
