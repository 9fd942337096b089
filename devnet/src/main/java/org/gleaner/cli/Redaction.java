package org.gleaner.cli;

import java.util.ArrayList;
import java.util.List;

/** Values that must not appear in anything printed (secrets read from a configuration file). */
final class Redaction {
    static final String HIDDEN = "(hidden)";
    private final List<String> secrets = new ArrayList<>();

    void hide(List<String> values) {
        values.stream().filter(v -> !v.isEmpty()).forEach(secrets::add);
    }

    String apply(String message) {
        String safe = message;
        for (String secret : secrets) {
            safe = safe.replace(secret, HIDDEN);
        }
        return safe;
    }
}
