package org.gleaner.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code serve} and {@code serve-shared} take the same key, origin, topic-prefix and listen options, from one place. */
class ServeCommandsSharedOptionsTest {
    private static final List<String> SHARED = List.of("--key", "--origin", "--topic-prefix", "--listen", "--api-listen",
            "--api-token-file", "--epoch-minutes", "--spot-check-bound-seconds", "--job-id", "--seed", "--host", "--max-pages",
            "--max-depth", "--purpose", "--kafka", "--kafka-client-config");

    private final CoordinatorServeCommand serve = new CoordinatorServeCommand();
    private final CoordinatorServeSharedCommand shared = new CoordinatorServeSharedCommand();
    private final CommandLine serveLine = new CommandLine(serve);
    private final CommandLine sharedLine = new CommandLine(shared);

    @Test
    void bothDeclareTheSharedOptionsWithTheSameNamesDefaultsAndLabels() {
        for (String name : SHARED) {
            OptionSpec a = serveLine.getCommandSpec().findOption(name);
            OptionSpec b = sharedLine.getCommandSpec().findOption(name);
            assertThat(a).as(name + " in serve").isNotNull();
            assertThat(b).as(name + " in serve-shared").isNotNull();
            assertThat(b.names()).as(name).containsExactly(a.names());
            assertThat(b.defaultValue()).as(name).isEqualTo(a.defaultValue());
            assertThat(b.paramLabel()).as(name).isEqualTo(a.paramLabel());
            assertThat(b.required()).as(name).isEqualTo(a.required());
        }
    }

    @Test
    void bothParseTheSameArgumentsIntoTheSameValues() {
        String[] args = {"--key", "c.key", "--origin", "net.example", "--topic-prefix", "lab", "--listen", "127.0.0.1:9470",
                "--api-listen", "127.0.0.1:9471", "--api-token-file", "api.token", "--kafka", "127.0.0.1:1"};
        serveLine.parseArgs(args);
        sharedLine.parseArgs(withPeerToken(args));
        for (NetworkOptions n : List.of(serve.network, shared.network)) {
            assertThat(n.keyFile).isEqualTo(Path.of("c.key"));
            assertThat(n.origin).isEqualTo("net.example");
            assertThat(n.topicPrefix).isEqualTo("lab");
        }
        for (ListenOptions l : List.of(serve.listen, shared.listen)) {
            assertThat(l.listen).isEqualTo("127.0.0.1:9470");
            assertThat(l.apiListen).isEqualTo("127.0.0.1:9471");
            assertThat(l.apiTokenFile).isEqualTo(Path.of("api.token"));
            assertThat(l.jobSubmissionEnabled()).isTrue();
        }
    }

    @Test
    void defaultsAreTheSameWhenNothingIsGiven() {
        serveLine.parseArgs("--key", "c.key", "--kafka", "127.0.0.1:1");
        sharedLine.parseArgs(withPeerToken(new String[] {"--key", "c.key", "--kafka", "127.0.0.1:1"}));
        for (CommandLine line : List.of(serveLine, sharedLine)) {
            CommandLine.Model.CommandSpec spec = line.getCommandSpec();
            assertThat((String) spec.findOption("--origin").getValue()).isEqualTo("gleaner.devnet");
            assertThat((String) spec.findOption("--topic-prefix").getValue()).isEqualTo("gleaner");
            assertThat((String) spec.findOption("--listen").getValue()).isEqualTo("127.0.0.1:8470");
            assertThat((String) spec.findOption("--api-listen").getValue()).isEqualTo("127.0.0.1:8471");
            assertThat((Object) spec.findOption("--api-token-file").getValue()).isNull();
        }
    }

    @Test
    void eachCommandWordsTheSharedOptionsForItsMode() {
        String serveKey = String.join(" ", serveLine.getCommandSpec().findOption("--key").description());
        String sharedKey = String.join(" ", sharedLine.getCommandSpec().findOption("--key").description());
        assertThat(serveKey).isEqualTo("The coordinator's Ed25519 key file (created, owner-only, if missing).");
        assertThat(sharedKey).isEqualTo("The coordinator's Ed25519 key file, the same on every instance (created, owner-only, if missing).");
        assertThat(String.join(" ", sharedLine.getCommandSpec().findOption("--api-listen").description()))
                .contains("for the whole network").contains("(default: 127.0.0.1:8471)");
        assertThat(String.join(" ", sharedLine.getCommandSpec().findOption("--api-token-file").description()))
                .endsWith("(the same on every instance).");
        assertThat(String.join(" ", serveLine.getCommandSpec().findOption("--api-token-file").description()))
                .endsWith("over REST.");
    }

    private static String[] withPeerToken(String[] args) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 2);
        out[args.length] = "--peer-token-file";
        out[args.length + 1] = "peer.token";
        return out;
    }
}
