package org.gleaner.protocol.ledger;

import org.gleaner.protocol.codec.MalformedRecordException;

/** Kinds of personal identifier a subject can bind. Codes are part of the wire format and never reused. */
public enum IdentifierKind {
    DOMAIN(1, "domain"),
    EMAIL(2, "email"),
    PHONE(3, "phone"),
    /** A social handle or profile, as {@code <network>:<handle>} (the dataset builder's form). */
    SOCIAL(4, "social");

    private final int code;
    private final String label;

    IdentifierKind(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static IdentifierKind fromCode(int code) throws MalformedRecordException {
        for (IdentifierKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new MalformedRecordException("unknown identifier kind code " + code);
    }

    /** Parses a label such as {@code email}; {@code null} when unknown. */
    public static IdentifierKind fromLabel(String label) {
        for (IdentifierKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        return null;
    }
}
