package org.gleaner.cli.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One service's configuration file: Java properties whose keys are the long option names of the command
 * (without the leading dashes). Read strictly: a bounded size, UTF-8 only, no key twice, and a file that holds
 * a secret must not be readable by group or others.
 */
public record ConfigFile(Path path, Map<String, String> entries) {
    /** Far above any real configuration; keeps a wrong path (a log, a dump) from being read into memory. */
    public static final long MAX_BYTES = 64 * 1024;
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern SECRET_KEY = Pattern.compile(".*(password|secret|token)$");

    public ConfigFile {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** Whether the value of this key must never be shown (in errors, logs or echoes). */
    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    public static ConfigFile read(Path path) throws ConfigException {
        String text = text(path);
        Map<String, String> entries = new LinkedHashMap<>();
        Properties strict = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                String name = (String) key;
                if (!KEY.matcher(name).matches()) {
                    throw new BadKey(path + ": '" + printable(name) + "' is not a valid key (lower-case option names such as kafka or data-dir)");
                }
                if (entries.putIfAbsent(name, ((String) value).strip()) != null) {
                    throw new BadKey(path + ": key '" + name + "' is set twice");
                }
                return null;
            }
        };
        try {
            strict.load(new StringReader(text));
        } catch (BadKey e) {
            throw new ConfigException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path + ": malformed (a bad \\u escape)");
        } catch (IOException e) {
            throw new ConfigException(path + ": " + e.getMessage());
        }
        ConfigFile file = new ConfigFile(path, entries);
        file.refuseSecretsReadableByOthers();
        return file;
    }

    private static String text(Path path) throws ConfigException {
        try {
            if (!Files.isRegularFile(path)) {
                throw new ConfigException("no such configuration file: " + path);
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new ConfigException(path + ": larger than " + MAX_BYTES / 1024 + " KiB; is this a configuration file?");
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException("no such configuration file: " + path);
        } catch (CharacterCodingException e) {
            throw new ConfigException(path + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void refuseSecretsReadableByOthers() throws ConfigException {
        String secret = entries.keySet().stream().filter(ConfigFile::isSecretKey).findFirst().orElse(null);
        if (secret == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException | IOException e) {
            return;
        }
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            throw new ConfigException(path + ": holds the secret '" + secret + "' but is readable by group or others (chmod 600 it)");
        }
    }

    private static String printable(String key) {
        String shown = key.length() > 64 ? key.substring(0, 64) + "…" : key;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private static final class BadKey extends RuntimeException {
        BadKey(String message) {
            super(message, null, false, false);
        }
    }
}
