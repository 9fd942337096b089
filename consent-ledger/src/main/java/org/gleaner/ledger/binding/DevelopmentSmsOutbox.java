package org.gleaner.ledger.binding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * FOR DEVELOPMENT AND TESTS ONLY: an {@link SmsGateway} that sends nothing, but writes each message (the
 * number and the text with its one-time code) to a new owner-only file in a directory. Anyone who can read
 * that directory can bind any phone number, so it must never be configured on a ledger that real people use.
 */
public final class DevelopmentSmsOutbox implements SmsGateway {
    private final Path dir;

    public DevelopmentSmsOutbox(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    @Override
    public void send(String e164, String text) throws IOException {
        Path file = dir.resolve("sms-" + System.currentTimeMillis() + "-" + ChallengeStore.randomToken() + ".txt");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "to: " + e164 + "\n\n" + text, StandardCharsets.UTF_8);
    }
}
