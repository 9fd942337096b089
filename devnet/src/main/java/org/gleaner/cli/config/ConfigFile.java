package org.gleaner.cli.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.gleaner.protocol.io.BoundedTextFile;

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
            return BoundedTextFile.read(path, MAX_BYTES, "configuration file");
        } catch (BoundedTextFile.Unreadable e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private void refuseSecretsReadableByOthers() throws ConfigException {
        String secret = entries.keySet().stream().filter(ConfigFile::isSecretKey).findFirst().orElse(null);
        if (secret != null && BoundedTextFile.readableByOthers(path)) {
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
