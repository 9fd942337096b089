package org.gleaner.coordinator.credit;

/** Why a contribution was not credited. Codes are stable: operators see them and docs explain them. */
public enum ReasonCode {
    MALFORMED_RECORD("G100", "the record did not decode"),
    BAD_SIGNATURE("G101", "the receipt signature does not verify with the node's key"),
    NO_LEASE("G102", "no lease with this id was issued"),
    LEASE_OF_OTHER_NODE("G103", "the lease was issued to another node"),
    URL_NOT_LEASED("G104", "the URL is not part of the lease"),
    OUTSIDE_LEASE_WINDOW("G105", "fetched outside the lease's validity window"),
    HASH_MISMATCH("G106", "the body's SHA-256 differs from the signed receipt"),
    DUPLICATE("G107", "this URL was already credited under this lease"),
    LEASE_RELEASED("G108", "the lease had been settled and its URLs returned to the frontier before the page arrived"),
    MISROUTED("G109", "the page record was not keyed by its lease's host, so it reached a partition that does not own that host"),
    LINKS_UNSIGNED("G111", "the link batch was not signed by the node; its URLs were not queued"),
    LINKS_FORGED("G112", "the link batch's signature does not verify with the node key it names; its URLs were not queued"),
    SPOT_CHECK_FAILED("G110", "the other party of a disputed spot check and every arbiter the coordinator drew (nodes independent of both parties) got content different from this node's (hash and text differ); the page's credit is taken back"),
    SPOT_CHECK_NOT_LEASED("G113", "spot check unjudged: no independent node could be drawn to check it within the bound, or the drawn nodes did not answer; nobody is penalised"),
    SPOT_CHECK_NO_ARBITER("G114", "spot check unjudged: the checker disagreed and no independent arbiter could be drawn within the bound, or the drawn arbiters did not answer; nobody is penalised"),
    SPOT_CHECK_SPLIT("G115", "spot check unjudged: the arbiters did not all side with one party (or each fetched something else); nobody is penalised"),
    MANY_KEYS_FROM_ONE_ADDRESS("G120", "too many node keys asked for leases from one network address; this key was refused");

    private final String code;
    private final String description;

    ReasonCode(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    public static ReasonCode fromCode(String code) throws org.gleaner.protocol.codec.MalformedRecordException {
        for (ReasonCode reason : values()) {
            if (reason.code.equals(code)) {
                return reason;
            }
        }
        throw new org.gleaner.protocol.codec.MalformedRecordException("unknown reason code " + code);
    }
}
