package org.gleaner.builder.extract;

import java.util.Objects;

/** What an extractor got out of a document: its title (null when it has none) and its plain text. */
public record ExtractedText(String title, String text) {
    public ExtractedText {
        Objects.requireNonNull(text, "text");
        if (title != null && title.isBlank()) {
            title = null;
        }
    }
}
