package org.gleaner.builder.api;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gleaner datasets lab-key --lab NAME --keys-file FILE --out FILE}: a new lab key for the dataset API. */
@Command(name = "lab-key", mixinStandardHelpOptions = true,
        description = {"Creates a random lab key for the dataset API: the key goes to --out (mode 600, never overwritten) "
                + "for the lab; only its SHA-256 is appended to the server's --keys-file.",
                "Exit status: 0 created, 1 failed, 2 bad arguments."})
public final class LabKeyCommand implements Callable<Integer> {
    @Option(names = "--lab", required = true, paramLabel = "NAME", description = "The lab's name ([a-z0-9][a-z0-9._-]*).")
    String lab;

    @Option(names = "--keys-file", required = true, paramLabel = "FILE", description = "The server's keys file (created if absent).")
    Path keysFile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the key for the lab.")
    Path out;

    private final PrintStream stdout;
    private final PrintStream err;

    public LabKeyCommand() {
        this(System.out, System.err);
    }

    LabKeyCommand(PrintStream stdout, PrintStream err) {
        this.stdout = stdout;
        this.err = err;
    }

    @Override
    public Integer call() {
        String key = LabKeys.generateKey();
        String line;
        try {
            line = LabKeys.keysFileLine(lab, key);
        } catch (IllegalArgumentException e) {
            err.println("gleaner datasets lab-key: --lab: " + e.getMessage());
            return 2;
        }
        try {
            if (Files.exists(keysFile)) {
                LabKeys.load(keysFile);
            }
            Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(out, key + "\n", StandardCharsets.UTF_8);
            Files.writeString(keysFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (FileAlreadyExistsException e) {
            err.println("gleaner datasets lab-key: " + out + " exists; a key file is never overwritten");
            return 1;
        } catch (IllegalArgumentException | IOException e) {
            err.println("gleaner datasets lab-key: FAILED: " + e.getMessage());
            return 1;
        }
        stdout.printf("lab key for %s written to %s; its hash added to %s%n", lab, out, keysFile);
        return 0;
    }
}
