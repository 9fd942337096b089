package org.gleaner.protocol.reward;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.ledger.LedgerEntry;

/**
 * What a node downloads to check its reward offline: its signed statement and the signed reward-root ledger
 * entry of the same epoch. Encoded as the two signed records, each length-prefixed.
 */
public record StatementBundle(Signed<RewardStatement> statement, Signed<LedgerEntry> rewardRoot) {
    public static final int MAX_ENCODED = RewardStatement.MAX_ENCODED + LedgerEntry.MAX_ENCODED + 256;

    public Bytes encode() {
        return new CanonicalWriter(1024).u8(1).bytes(statement.encode()).bytes(rewardRoot.encode()).toBytes();
    }

    public static StatementBundle decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "statementBundle", r -> {
            RecordDecoding.expectVersion(r, "statementBundle", 1);
            Signed<RewardStatement> statement = Signed.decode(r.bytes("statement", RewardStatement.MAX_ENCODED + 128).toArray(),
                    RewardStatement.MAX_ENCODED, "statement", RewardStatement::read);
            Signed<LedgerEntry> entry = Signed.decode(r.bytes("rewardRoot", LedgerEntry.MAX_ENCODED + 128).toArray(),
                    LedgerEntry.MAX_ENCODED, "rewardRoot", LedgerEntry::read);
            return new StatementBundle(statement, entry);
        });
    }
}
