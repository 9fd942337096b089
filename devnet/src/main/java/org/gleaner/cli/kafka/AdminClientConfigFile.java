package org.gleaner.cli.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Properties;
import java.util.Set;

/**
 * Kafka client settings for the cluster's admin (security.protocol, sasl.mechanism, sasl.jaas.config, ...), the
 * same file Kafka's own tools take as {@code --command-config}. It holds the admin's password, so it must be
 * owner-only; its values are never printed.
 */
final class AdminClientConfigFile {
    static final long MAX_BYTES = 64 * 1024;

    private AdminClientConfigFile() {
    }

    static Properties read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such admin client config file: " + file);
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IllegalArgumentException(file + ": larger than 64 KiB");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IllegalArgumentException(file + " holds the admin's credentials but is readable by group or others (chmod 600 it)");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
