package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.reward.EpochCloser;
import org.gleaner.coordinator.reward.RewardPolicy;
import org.gleaner.ledger.api.LedgerProperties;
import org.gleaner.ledger.state.EntryVerifier;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import picocli.CommandLine;

/** A fresh deployment started with every default: the ledger takes the coordinator's reward roots and the ports differ. */
class NetworkDefaultsTest {
    private final CommandLine cli = new CommandLine(new GleanerCli());

    private String defaultOf(String command, String subcommand, String option) {
        return cli.getSubcommands().get(command).getSubcommands().get(subcommand).getCommandSpec().findOption(option).defaultValue();
    }

    private static int portOf(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    @Test
    void theLedgerAcceptsARewardRootSignedByACoordinatorWithDefaultSettings() throws Exception {
        String coordinatorOrigin = defaultOf("coordinator", "serve", "--origin");
        String ledgerOrigin = defaultOf("ledger", "serve", "--origin");
        String propertiesOrigin = new Binder(new MapConfigurationPropertySource(java.util.Map.of("gleaner.ledger.data-dir", "x")))
                .bind("gleaner.ledger", LedgerProperties.class).get().origin();
        assertThat(ledgerOrigin).isEqualTo(coordinatorOrigin).isEqualTo(propertiesOrigin);

        Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
        var closed = new EpochCloser(coordinatorOrigin, coordinatorKey, RewardPolicy.DEFAULT)
                .close(1, List.of(new NodeCredits("ab".repeat(32), 3, 300, java.util.Map.of())), System.currentTimeMillis());
        assertThat(EntryVerifier.verify(closed.ledgerEntry(), ledgerOrigin)).isNotNull();
    }

    @Test
    void theLedgerListensOnItsOwnDefaultPortAndItsClientsUseIt() {
        int ledgerPort = Integer.parseInt(defaultOf("ledger", "serve", "--port"));
        assertThat(ledgerPort).isNotEqualTo(portOf(defaultOf("coordinator", "serve", "--listen")))
                .isNotEqualTo(portOf(defaultOf("coordinator", "serve", "--api-listen")));
        assertThat(portOf(defaultOf("ledger", "verify", "--ledger"))).isEqualTo(ledgerPort);
    }
}
