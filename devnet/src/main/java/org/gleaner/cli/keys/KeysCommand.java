package org.gleaner.cli.keys;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gleaner keys}: service keys made before a deployment, so that their public halves can be pinned in the others' configs. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Create a service's Ed25519 key file ahead of its first start and show the public key others pin.",
        subcommands = {KeysCommand.Create.class, KeysCommand.Show.class})
public final class KeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Writes a new key file (owner-only) and prints its public key; never replaces an existing file.")
    public static final class Create implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The key file to create, e.g. /etc/gleaner/coordinator.key")
        Path file;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(file)) {
                throw new CommandLine.ParameterException(spec.commandLine(), file + " exists; it is never replaced (see: gleaner keys show)");
            }
            Ed25519KeyPair key = Ed25519KeyPair.loadOrCreate(file);
            print(spec, "created", file, key);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints the public key of an existing key file.")
    public static final class Show implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The key file.")
        Path file;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no such key file: " + file);
            }
            print(spec, "key file", file, Ed25519KeyPair.load(file));
            return 0;
        }
    }

    private static void print(CommandLine.Model.CommandSpec spec, String what, Path file, Ed25519KeyPair key) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(what + "  " + file);
        out.println("public key  " + key.publicKey().fingerprint());
        out.flush();
    }
}
