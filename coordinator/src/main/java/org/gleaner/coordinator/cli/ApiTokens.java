package org.gleaner.coordinator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.gleaner.coordinator.web.ApiToken;
import picocli.CommandLine;

/** The REST API's bearer token from {@code --api-token-file}; without the option, a random one nobody knows (no job submission). */
final class ApiTokens {
    private ApiTokens() {
    }

    static ApiToken load(CommandLine.Model.CommandSpec spec, Path file) throws IOException {
        if (file == null) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return new ApiToken(HexFormat.of().formatHex(random));
        }
        try {
            return new ApiToken(Files.readString(file).strip());
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--api-token-file: no such file: " + file);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--api-token-file: " + e.getMessage());
        }
    }
}
