package org.gleaner.builder.manifest;

import java.time.Clock;
import java.util.Objects;
import org.gleaner.protocol.note.NoteSigner;

/**
 * How a build describes and signs its dataset version.
 *
 * @param signer       the note key that signs {@code manifest.json}; null writes no {@code manifest.json.sig}
 *                     (such a version does not pass {@link ManifestVerifier})
 * @param checkpoint   the consent ledger checkpoint the build's consent decisions are as of; null while the build
 *                     reads no ledger
 * @param consentBasis what the rows' consent rests on, in one or two sentences for the card and the manifest
 * @param supersedes   the version this one replaces, or null
 * @param clock        gives {@code created_at}
 */
public record ManifestSettings(NoteSigner signer, LedgerCheckpoint checkpoint, String consentBasis, String supersedes,
        Clock clock) {

    /** The consent basis of a build that reads no consent ledger, which is every build for now. */
    public static final String NO_LEDGER_BASIS = "No consent ledger was read for this build (checkpoint is null): "
            + "rows carry no consent grant ids and no licence yet, and every personal identifier found was treated as "
            + "unlicensed (see filters.privacy); pages were fetched under the network's robots.txt and politeness rules. "
            + "Use for research on the pipeline, not for training, until a version with a checkpoint supersedes it.";

    public ManifestSettings {
        if (consentBasis == null || consentBasis.isBlank() || consentBasis.length() > 2_000) {
            throw new IllegalArgumentException("consentBasis must be 1 to 2000 characters");
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** Unsigned, no checkpoint, supersedes nothing, system clock. */
    public static ManifestSettings unsigned() {
        return new ManifestSettings(null, null, NO_LEDGER_BASIS, null, Clock.systemUTC());
    }

    /** Signed by {@code signer}, no checkpoint, supersedes nothing, system clock. */
    public static ManifestSettings signedBy(NoteSigner signer) {
        return new ManifestSettings(Objects.requireNonNull(signer, "signer"), null, NO_LEDGER_BASIS, null,
                Clock.systemUTC());
    }

    public ManifestSettings withCheckpoint(LedgerCheckpoint cp, String basis) {
        return new ManifestSettings(signer, cp, basis, supersedes, clock);
    }

    public ManifestSettings withSupersedes(String version) {
        return new ManifestSettings(signer, checkpoint, consentBasis, version, clock);
    }

    public ManifestSettings withClock(Clock c) {
        return new ManifestSettings(signer, checkpoint, consentBasis, supersedes, c);
    }
}
