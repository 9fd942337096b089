package org.gleaner.builder.revocation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gleaner.builder.consent.ledger.LedgerCommitmentMapper;
import org.gleaner.builder.consent.ledger.LedgerConsentSource;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.ledger.identity.NormalizedIdentifier;
import org.gleaner.ledger.service.LedgerConfig;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.ledger.state.LedgerPolicy;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.Grant;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.gleaner.protocol.ledger.KeyRegistration;
import org.gleaner.protocol.ledger.Licence;
import org.gleaner.protocol.ledger.Revocation;

/**
 * A real consent ledger service (durable log, signed checkpoint after every entry, mirrored to the ledger topic
 * of a real broker) and subjects who bind e-mail addresses, grant and revoke, for the builder's tests.
 */
public final class LedgerFixture implements AutoCloseable {
    static final String ORIGIN = "builder.revocation.test/consent";
    static final long DAY = 86_400_000L;
    public final LedgerService ledger;
    final String bootstrap;
    final String topic = "gleaner.ledger";

    public LedgerFixture(Path dir, String bootstrap) throws Exception {
        this.bootstrap = bootstrap;
        LedgerConfig config = new LedgerConfig(dir, ORIGIN, List.of(), bootstrap, topic, 1, Duration.ofHours(1),
                Duration.ofMinutes(5), "US");
        this.ledger = LedgerService.open(config, Clock.systemUTC());
    }

    /** A subject with a registered key and a bound e-mail address. */
    public final class Subject {
        final Ed25519KeyPair key = Ed25519KeyPair.generate();
        final EntrySigner signer = new EntrySigner(key, ORIGIN);
        public final String email;
        final Bytes commitment;

        Subject(String email) throws Exception {
            this.email = email;
            ledger.sequencer().append(signer.sign(new KeyRegistration(), System.currentTimeMillis()));
            NormalizedIdentifier id = ledger.normalize(IdentifierKind.EMAIL, email);
            ledger.appendBinding(Bytes.of(key.publicKey().bytes()), id, "email-otp");
            this.commitment = ledger.commitmentOf(id);
        }

        /** Grants {@code purpose} on the bound address; returns the grant id (hex). */
        public String grant(String purpose) throws Exception {
            long now = System.currentTimeMillis();
            Grant grant = new Grant(List.of(commitment), 1, List.of(purpose), Licence.spdx("CC-BY-4.0"), List.of(), 250,
                    now - DAY, now + 365 * DAY);
            return ledger.sequencer().append(signer.sign(grant, now)).leafHash().hex();
        }

        public void revoke(String grantId) throws Exception {
            ledger.sequencer().append(signer.sign(new Revocation(Bytes.fromHex(grantId)), System.currentTimeMillis()));
        }
    }

    public Subject subject(String email) throws Exception {
        return new Subject(email);
    }

    /** The builder's view of this ledger: follows the topic, takes checkpoints from the ledger's log. */
    public LedgerConsentSource consentSource() {
        LedgerPolicy policy = new LedgerPolicy(ORIGIN, Set.of(ledger.verifierKey()), Set.of(), Duration.ofMinutes(5));
        return new LedgerConsentSource(policy, ledger.checkpointVerifier(), bootstrap, topic, Map.of(),
                () -> ledger.log().latestCheckpoint(), Clock.systemUTC());
    }

    /** The ledger's commitment service, called in process (the same key and normalization as its REST API). */
    public LedgerCommitmentMapper commitments() {
        return new LedgerCommitmentMapper((kind, value) -> {
            try {
                return ledger.commitmentOf(ledger.normalize(kind, value)).hex();
            } catch (org.gleaner.ledger.identity.InvalidIdentifierException e) {
                throw new java.io.IOException("the ledger refuses the identifier", e);
            }
        });
    }

    @Override
    public void close() throws Exception {
        ledger.close();
    }
}
