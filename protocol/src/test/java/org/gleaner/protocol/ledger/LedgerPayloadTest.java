package org.gleaner.protocol.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.FieldLimitException;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.junit.jupiter.api.Test;

class LedgerPayloadTest {
    private static final Bytes HASH = Bytes.fromHex("11".repeat(32));
    private static final Bytes KEY = Bytes.fromHex("22".repeat(32));
    private static final Bytes SIG = Bytes.fromHex("33".repeat(64));

    private static final List<LedgerPayload> SAMPLES = List.of(
            new KeyRegistration(),
            new KeyRotation(KEY, SIG),
            new IdentifierBinding(IdentifierKind.PHONE, HASH, KEY, "sms-otp"),
            new Grant(List.of(HASH), 1, List.of("train-ai", "search"), Licence.custom("https://terms.example/v1", HASH),
                    List.of("host:example.org"), 125, 10, 20),
            new Revocation(HASH),
            new RewardRoot(3, 1000, HASH, 99),
            new RewardRoot(4, 0, HASH, 100));

    private static LedgerEntry envelope(LedgerPayload payload) {
        return new LedgerEntry(payload.entryType(), KEY, 1, Bytes.fromHex("44".repeat(16)), payload.encode());
    }

    @Test
    void everyPayloadRoundTripsThroughItsEnvelope() throws Exception {
        for (LedgerPayload payload : SAMPLES) {
            LedgerEntry decoded = LedgerEntry.decode(envelope(payload).encode().toArray());
            assertThat(LedgerPayload.decode(decoded)).isEqualTo(payload);
            assertThat(decoded.recordType()).isEqualTo("gleaner/ledger/" + payload.entryType().label() + "/v1");
        }
    }

    @Test
    void trailingBytesAndWrongVersionsAreRefused() {
        for (LedgerPayload payload : SAMPLES) {
            byte[] encoded = payload.encode().toArray();
            byte[] longer = java.util.Arrays.copyOf(encoded, encoded.length + 1);
            LedgerEntry padded = new LedgerEntry(payload.entryType(), KEY, 1, Bytes.fromHex("44".repeat(16)), Bytes.of(longer));
            assertThatThrownBy(() -> LedgerPayload.decode(padded)).isInstanceOf(MalformedRecordException.class);
            encoded[0] = 9;
            LedgerEntry wrongVersion = new LedgerEntry(payload.entryType(), KEY, 1, Bytes.fromHex("44".repeat(16)), Bytes.of(encoded));
            assertThatThrownBy(() -> LedgerPayload.decode(wrongVersion)).isInstanceOf(MalformedRecordException.class)
                    .hasMessageContaining("version");
        }
    }

    @Test
    void aRewardRootIsEncodedExactlyAsTheCoordinatorSignsIt() throws Exception {
        // version 1, then epoch, tree size, root hash and close time as big-endian fields: the bytes the coordinator signs
        byte[] encoded = new RewardRoot(5, 0, HASH, 123).encode().toArray();
        assertThat(encoded).hasSize(1 + 8 + 8 + 32 + 8);
        assertThat(encoded[0]).isEqualTo((byte) 1);
        assertThat(encoded[8]).isEqualTo((byte) 5);
        assertThat(encoded[encoded.length - 1]).isEqualTo((byte) 123);
        assertThat(RewardRoot.decode(encoded)).isEqualTo(new RewardRoot(5, 0, HASH, 123));
    }

    @Test
    void aPayloadUnderTheWrongTypeDoesNotDecode() {
        LedgerEntry revocationAsGrant = new LedgerEntry(EntryType.GRANT, KEY, 1, Bytes.fromHex("44".repeat(16)),
                new Revocation(HASH).encode());
        assertThatThrownBy(() -> LedgerPayload.decode(revocationAsGrant)).isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void grantsAndLicencesEnforceTheirRules() {
        assertThatThrownBy(() -> new Grant(List.of(), 1, List.of("train-ai"), Licence.spdx("MIT"), List.of(), 0, 1, 2))
                .isInstanceOf(FieldLimitException.class);
        assertThatThrownBy(() -> new Grant(List.of(HASH, HASH), 1, List.of("train-ai"), Licence.spdx("MIT"), List.of(), 0, 1, 2))
                .isInstanceOf(FieldLimitException.class);
        assertThatThrownBy(() -> new Grant(List.of(HASH), 1, List.of("train-ai"), Licence.spdx("MIT"), List.of(), 10_001, 1, 2))
                .isInstanceOf(FieldLimitException.class);
        assertThatThrownBy(() -> new Grant(List.of(HASH), 1, List.of("train-ai"), Licence.spdx("MIT"), List.of(), 0, 5, 5))
                .isInstanceOf(FieldLimitException.class);
        assertThatThrownBy(() -> Licence.custom("http://plain.example/terms", HASH)).isInstanceOf(FieldLimitException.class);
        assertThatThrownBy(() -> new Licence("MIT", "https://x.example", HASH)).isInstanceOf(FieldLimitException.class);
        assertThatThrownBy(() -> Licence.spdx("MIT; DROP")).isInstanceOf(FieldLimitException.class);
        assertThat(Licence.spdx("Apache-2.0 OR MIT").spdxId()).isEqualTo("Apache-2.0 OR MIT");
    }

    @Test
    void purposesNestAsInTheAiPreferencesVocabulary() {
        assertThat(Purpose.covers("train-ai", "train-genai")).isTrue();
        assertThat(Purpose.covers("train-genai", "train-ai")).isFalse();
        assertThat(Purpose.covers("tdm", "search")).isTrue();
        assertThat(Purpose.covers("search", "train-ai")).isFalse();
        assertThat(Purpose.isKnown(1, "train-genai")).isTrue();
        assertThat(Purpose.isKnown(2, "train-genai")).isFalse();
    }
}
