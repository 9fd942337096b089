package org.gleaner.ledger.api;

import java.util.List;

/** JSON bodies of the ledger API. Binary values are base64 (hashes and keys: lowercase hex). */
final class ApiModels {
    private ApiModels() {
    }

    record SubmitResponse(long index, String leafHash) {
    }

    record EntryResponse(long index, String type, String entry, String leafHash, long treeSize, List<String> inclusionProof) {
    }

    record ConsistencyResponse(long from, long to, List<String> proof) {
    }

    record GrantView(String grantId, long index, List<String> commitments, List<String> purposes, String licence,
            List<String> scope, int shareBasisPoints, long notBeforeMillis, long notAfterMillis, String status,
            long revokedAtIndex) {
    }

    record BindingView(String kind, String commitment, String method) {
    }

    record KeysResponse(String origin, String checkpointVerifierKey, String identityVerifierKey, long size) {
    }

    record LookupRequest(String kind, String identifier) {
    }

    record LookupResponse(String kind, String commitment) {
    }

    /** A signed request to start a challenge: the fields of a {@code gleaner/ledger/challenge-request/v1} and its signature. */
    record ChallengeStart(String subjectKey, String identifier, long timestampMillis, String nonce, String signature) {
    }

    record RegistrationDraftRequest(String authorKey) {
    }

    record GrantDraftRequest(String authorKey, List<String> commitments, List<String> purposes, String licence,
            String termsUrl, String termsSha256, List<String> scope, Integer shareBasisPoints, Integer days) {
    }

    record RevocationDraftRequest(String authorKey, String grantId) {
    }

    record ChallengeDraftRequest(String subjectKey, String kind, String identifier) {
    }

    /**
     * What to sign: {@code signingMessage} (base64) is exactly what the sequencer verifies. For ledger entries,
     * submit {@code u32 length of record || record || signature} to {@code POST /v1/entries}; for a challenge
     * request, send {@code timestampMillis}, {@code nonce} and the signature to the challenge endpoint.
     */
    record Draft(String recordType, String origin, String record, String signingMessage, long timestampMillis, String nonce) {
    }

    record ChallengeResponse(String challengeId, String instructions, String path, String content) {
    }

    record CodeRequest(String code) {
    }

    /** {@code appearances} is the dataset builder's answer as it gave it; {@code configured} false when there is none to ask. */
    record Appearances(boolean configured, String source, tools.jackson.databind.JsonNode appearances, String message) {
    }

    record Purposes(int vocabularyVersion, List<String> purposes) {
    }

    record Problem(String code, String message) {
    }
}
