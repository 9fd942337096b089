package org.gleaner.ledger.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.gleaner.ledger.audit.LedgerSource;

/** An auditor's or witness's view of a ledger through its REST API. */
final class HttpLedgerSource implements LedgerSource {
    private final LedgerClient client;

    HttpLedgerSource(LedgerClient client) {
        this.client = client;
    }

    @Override
    public byte[] latestCheckpoint() {
        return client.getText("v1/checkpoint").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public List<byte[]> consistencyProof(long from, long to) {
        return LedgerClient.hashes(client.get("v1/proofs/consistency?from=" + from + "&to=" + to).path("proof"));
    }

    @Override
    public byte[] entry(long index) {
        return Base64.getDecoder().decode(client.get("v1/entries/" + index).path("entry").asString());
    }
}
