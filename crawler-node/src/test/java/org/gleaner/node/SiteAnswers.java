package org.gleaner.node;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** How the node tests' sites answer an exchange: a body of a given type, or a redirect. */
public final class SiteAnswers {
    private SiteAnswers() {
    }

    /**
     * Answers {@code status} with {@code body} as {@code contentType} (no Content-Type header when null, no body when
     * empty). A client that stops reading, as a fetcher does past its size cap, is not an error here.
     */
    public static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException clientStoppedReading) {
                // the fetcher under test stopped at its cap
            }
        }
    }

    /** As {@link #respond(HttpExchange, int, String, byte[])}, the body in UTF-8. */
    public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers {@code status} (a 3xx) pointing at {@code location}, with no body. */
    public static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(status, -1);
    }
}
