package org.gleaner.ledger.api;

import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import org.gleaner.ledger.api.ApiModels.Problem;
import org.gleaner.ledger.binding.BindingException;
import org.gleaner.ledger.identity.InvalidIdentifierException;
import org.gleaner.ledger.log.QueueFullException;
import org.gleaner.ledger.state.EntryRejectedException;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every refusal as a typed JSON problem with a stable code; internal details and identifiers stay out. */
@RestControllerAdvice
class ApiErrors {

    @ExceptionHandler(EntryRejectedException.class)
    ResponseEntity<Problem> rejected(EntryRejectedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.reason().code(), e.getMessage());
    }

    @ExceptionHandler(org.gleaner.ledger.witness.CosignatureRejectedException.class)
    ResponseEntity<Problem> cosignature(org.gleaner.ledger.witness.CosignatureRejectedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "cosignature-rejected", e.getMessage());
    }

    @ExceptionHandler(MalformedRecordException.class)
    ResponseEntity<Problem> malformed(MalformedRecordException e) {
        return problem(HttpStatus.BAD_REQUEST, "L100", e.getMessage());
    }

    @ExceptionHandler(InvalidIdentifierException.class)
    ResponseEntity<Problem> invalidIdentifier(InvalidIdentifierException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-identifier", e.getMessage());
    }

    @ExceptionHandler(BindingException.class)
    ResponseEntity<Problem> binding(BindingException e) {
        HttpStatus status = switch (e.reason()) {
            case UNKNOWN_CHALLENGE -> HttpStatus.NOT_FOUND;
            case EXPIRED -> HttpStatus.GONE;
            case TOO_MANY_ATTEMPTS, BUSY, RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case BAD_SIGNATURE, STALE_REQUEST, REPLAYED_REQUEST -> HttpStatus.UNAUTHORIZED;
            case NOT_REGISTERED -> HttpStatus.FORBIDDEN;
            case DELIVERY_FAILED -> HttpStatus.BAD_GATEWAY;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        return problem(status, "binding-" + e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), e.getMessage());
    }

    @ExceptionHandler(LookupAuthenticator.UnauthorizedException.class)
    ResponseEntity<Problem> unauthorized(LookupAuthenticator.UnauthorizedException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer")
                .body(new Problem("unauthorized", e.getMessage()));
    }

    @ExceptionHandler(RequestNotPermitted.class)
    ResponseEntity<Problem> rateLimited(RequestNotPermitted e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "60")
                .body(new Problem("rate-limited", "too many requests; retry later"));
    }

    @ExceptionHandler(QueueFullException.class)
    ResponseEntity<Problem> busy(QueueFullException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .body(new Problem("busy", e.getMessage()));
    }

    @ExceptionHandler(AppearancesController.DatasetsUnavailableException.class)
    ResponseEntity<Problem> datasets(AppearancesController.DatasetsUnavailableException e) {
        return problem(HttpStatus.BAD_GATEWAY, "datasets-unavailable", e.getMessage());
    }

    @ExceptionHandler(IndexOutOfBoundsException.class)
    ResponseEntity<Problem> notFound(IndexOutOfBoundsException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler({IllegalArgumentException.class, HttpMessageNotReadableException.class,
            MethodArgumentTypeMismatchException.class})
    ResponseEntity<Problem> badRequest(Exception e) {
        String message = e instanceof IllegalArgumentException ? e.getMessage() : "the request is malformed";
        return problem(HttpStatus.BAD_REQUEST, "bad-request", message);
    }

    private static ResponseEntity<Problem> problem(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(new Problem(code, message));
    }
}
