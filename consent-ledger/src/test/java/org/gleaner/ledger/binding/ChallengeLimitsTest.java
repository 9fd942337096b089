package org.gleaner.ledger.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.gleaner.ledger.service.LedgerConfig;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.gleaner.protocol.net.EgressGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Domain challenges need no network to start, so their limits are testable without a server. */
class ChallengeLimitsTest {
    @TempDir
    Path dir;

    @Test
    void oneIdentifierCannotHaveMoreThanThreePendingChallenges() throws Exception {
        try (LedgerService ledger = LedgerService.open(LedgerConfig.defaults(dir, "limits.test/ledger"), Clock.systemUTC())) {
            IdentityBinder binder = new IdentityBinder(ledger, DomainChallengeFetcher.https(EgressGuard.strict()), new MailSender("127.0.0.1", 9, "x@y.invalid"));
            Bytes subject = Bytes.fromHex("11".repeat(32));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(binder.startDomain(subject, ledger.normalize(IdentifierKind.DOMAIN, "Example.ORG")).challengeId());
            }
            assertThat(ids).doesNotHaveDuplicates();
            assertThatThrownBy(() -> binder.startDomain(subject, ledger.normalize(IdentifierKind.DOMAIN, "example.org.")))
                    .isInstanceOfSatisfying(BindingException.class, e -> assertThat(e.reason()).isEqualTo(BindingException.Reason.BUSY));
            assertThat(binder.startDomain(subject, ledger.normalize(IdentifierKind.DOMAIN, "other.example")).challengeId()).isNotBlank();
            assertThatThrownBy(() -> binder.completeDomain("no-such-challenge"))
                    .isInstanceOfSatisfying(BindingException.class,
                            e -> assertThat(e.reason()).isEqualTo(BindingException.Reason.UNKNOWN_CHALLENGE));
        }
    }
}
