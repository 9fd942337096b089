package org.gleaner.protocol.ledger;

import org.gleaner.protocol.codec.MalformedRecordException;

/** The kinds of consent-ledger entry. Codes are part of the wire format and never reused. */
public enum EntryType {
    KEY_REGISTRATION(1, "key-registration"),
    KEY_ROTATION(2, "key-rotation"),
    IDENTIFIER_BINDING(3, "identifier-binding"),
    GRANT(4, "grant"),
    REVOCATION(5, "revocation"),
    REWARD_ROOT(6, "reward-root");

    private final int code;
    private final String label;

    EntryType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static EntryType fromCode(int code) throws MalformedRecordException {
        for (EntryType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new MalformedRecordException("unknown ledger entry type code " + code);
    }
}
