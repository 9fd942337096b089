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

    record ChallengeRequest(String subjectKey, String identifier) {
    }

    record ChallengeResponse(String challengeId, String instructions, String path, String content) {
    }

    record CodeRequest(String code) {
    }

    record Problem(String code, String message) {
    }
}
