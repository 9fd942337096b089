package org.gleaner.ledger.state;

/** Why the sequencer refused an entry. Codes are stable; clients show them to users. */
public enum RejectionReason {
    MALFORMED("L100", "the entry does not decode"),
    INVALID_AUTHOR_KEY("L101", "the author key is not a valid Ed25519 public key"),
    BAD_SIGNATURE("L102", "the signature does not verify for this entry type and ledger origin"),
    REPLAYED_NONCE("L103", "this author already used this nonce"),
    STALE_TIMESTAMP("L104", "the entry's timestamp is too far in the past"),
    FUTURE_TIMESTAMP("L105", "the entry's timestamp is too far in the future"),
    ALREADY_REGISTERED("L110", "the key is already registered"),
    KEY_RETIRED("L111", "the key was rotated away and is retired"),
    RESERVED_KEY("L112", "the key belongs to a ledger role and cannot be a subject"),
    UNKNOWN_SUBJECT("L113", "the key is not the current key of a registered subject"),
    KEY_IN_USE("L114", "the new key is already known to the ledger"),
    BAD_ROTATION_ACCEPTANCE("L115", "the new key did not sign the rotation acceptance"),
    NOT_A_VERIFIER("L120", "only the ledger's identity verifier may bind identifiers"),
    IDENTIFIER_BOUND_ELSEWHERE("L121", "the identifier is bound to another subject"),
    ALREADY_BOUND("L122", "the identifier is already bound to this subject"),
    IDENTIFIER_NOT_BOUND("L130", "the grant names an identifier the subject has not bound"),
    UNKNOWN_PURPOSE("L131", "the grant names a purpose outside its vocabulary version"),
    GRANT_EXPIRED("L132", "the grant's notAfter is already past"),
    UNKNOWN_GRANT("L140", "no grant has this id"),
    NOT_GRANT_OWNER("L141", "the grant belongs to another subject"),
    ALREADY_REVOKED("L142", "the grant is already revoked"),
    NOT_A_COORDINATOR("L150", "only a configured coordinator key may append reward roots"),
    EPOCH_NOT_INCREASING("L151", "the reward epoch is not later than the coordinator's last one");

    private final String code;
    private final String description;

    RejectionReason(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
