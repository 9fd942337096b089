package org.gleaner.builder.quality;

/** A quality configuration that cannot be used; the message names the source, the line and what is wrong. */
public final class QualityConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public QualityConfigException(String message) {
        super(message);
    }

    public QualityConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
