package org.gleaner.builder.consent.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.gleaner.builder.pii.CommitmentMapper;
import org.gleaner.builder.pii.PiiKind;
import org.gleaner.protocol.ledger.IdentifierKind;

/**
 * {@link CommitmentMapper} over the ledger's commitment service. E-mail addresses and phone numbers are kinds
 * the ledger binds, so their commitments come from it. IP addresses and social handles cannot be bound in the
 * ledger (no ownership proof exists for them), so no grant can ever license one: they get a local,
 * domain-separated SHA-256 that no ledger binding can name, and the consent view answers "not licensed".
 * This keeps the identifiers away from the ledger service entirely.
 */
public final class LedgerCommitmentMapper implements CommitmentMapper {
    private final LedgerCommitments ledger;

    public LedgerCommitmentMapper(LedgerCommitments ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public String commitmentHex(PiiKind kind, String normalizedValue) throws CommitmentUnavailableException {
        IdentifierKind ledgerKind = switch (kind) {
            case EMAIL_ADDRESS -> IdentifierKind.EMAIL;
            case PHONE_NUMBER -> IdentifierKind.PHONE;
            default -> null;
        };
        if (ledgerKind == null) {
            return unbindable(kind, normalizedValue);
        }
        try {
            String hex = ledger.commitmentHex(ledgerKind, normalizedValue);
            if (hex == null || !hex.matches("[0-9a-f]{64}")) {
                throw new CommitmentUnavailableException("the commitment service answered something that is not a commitment", null);
            }
            return hex;
        } catch (IOException | RuntimeException e) {
            // Never the identifier in the message: it would reach logs.
            throw new CommitmentUnavailableException("commitment service failed for a " + kind.code() + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static String unbindable(PiiKind kind, String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    ("gleaner/unbindable-identifier/v1\u0000" + kind.code() + "\u0000" + value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
