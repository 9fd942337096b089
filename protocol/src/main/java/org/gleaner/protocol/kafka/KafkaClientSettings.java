package org.gleaner.protocol.kafka;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.gleaner.protocol.io.BoundedTextFile;

/**
 * How a service signs in to Kafka: the security settings of a Kafka client properties file
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, a few connection settings), the same file Kafka's
 * own tools take with {@code --command-config}. Only these keys are accepted: what a service sets itself
 * (bootstrap servers, serializers, idempotence, transactions, groups) and anything naming a class is refused,
 * so a client file can change who the service is to Kafka but never how it keeps its records.
 */
public final class KafkaClientSettings {
    public static final KafkaClientSettings NONE = new KafkaClientSettings(Map.of());
    public static final long MAX_BYTES = 64 * 1024;
    static final int MAX_VALUE_CHARS = 8 * 1024;
    static final String HIDDEN = "(hidden)";

    private static final Set<String> SECRET_KEYS = Set.of("sasl.jaas.config", "ssl.truststore.password",
            "ssl.keystore.password", "ssl.key.password", "ssl.keystore.key");
    private static final Set<String> ALLOWED_KEYS = Set.of(
            "security.protocol", "sasl.mechanism", "sasl.jaas.config", "sasl.kerberos.service.name",
            "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type", "ssl.truststore.certificates",
            "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type", "ssl.keystore.certificate.chain",
            "ssl.keystore.key", "ssl.key.password", "ssl.endpoint.identification.algorithm", "ssl.protocol",
            "ssl.enabled.protocols", "ssl.cipher.suites",
            "client.dns.lookup", "socket.connection.setup.timeout.ms", "socket.connection.setup.timeout.max.ms",
            "reconnect.backoff.ms", "reconnect.backoff.max.ms", "connections.max.idle.ms");
    /** Settings each service chooses itself, for the guarantees it gives (named in the refusal). */
    private static final Set<String> SERVICE_OWNED_KEYS = Set.of("bootstrap.servers", "key.serializer", "value.serializer",
            "key.deserializer", "value.deserializer", "transactional.id", "enable.idempotence", "acks", "isolation.level",
            "group.id", "group.instance.id", "enable.auto.commit", "auto.offset.reset", "client.id", "max.request.size",
            "max.partition.fetch.bytes", "fetch.max.bytes", "compression.type", "delivery.timeout.ms", "request.timeout.ms",
            "max.in.flight.requests.per.connection", "retries", "transaction.timeout.ms", "partitioner.class",
            "interceptor.classes", "metric.reporters", "config.providers");
    private static final Set<String> SECURITY_PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Set<String> SASL_MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER", "GSSAPI");
    private static final Set<String> FILE_KEYS = Set.of("ssl.truststore.location", "ssl.keystore.location");

    private final Map<String, String> settings;

    private KafkaClientSettings(Map<String, String> settings) {
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** Whether the value of {@code key} is a credential (never shown, and keeps its file owner-only). */
    public static boolean isSecretKey(String key) {
        return SECRET_KEYS.contains(key);
    }

    /** Checked keys and values from a map (its {@code source} names it in errors); {@link #read} also checks the store files. */
    public static KafkaClientSettings of(String source, Map<String, String> settings) {
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            checkKey(source, setting.getKey());
            checkValue(source, setting.getKey(), setting.getValue());
        }
        checkCombination(source, settings);
        return new KafkaClientSettings(settings);
    }

    /**
     * Reads a Kafka client properties file strictly: at most 64 KiB of UTF-8, no key twice, only the accepted
     * keys; a file that holds a credential must not be readable by group or others.
     */
    public static KafkaClientSettings read(Path file) {
        Map<String, String> entries = new LinkedHashMap<>();
        Properties strict = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                String name = (String) key;
                if (entries.putIfAbsent(name, ((String) value).strip()) != null) {
                    throw new KafkaClientSettingsException(file + ": key '" + printable(name) + "' is set twice");
                }
                return null;
            }
        };
        try {
            strict.load(new StringReader(text(file)));
        } catch (KafkaClientSettingsException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new KafkaClientSettingsException(file + ": malformed (a bad \\u escape)");
        } catch (IOException e) {
            throw new KafkaClientSettingsException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        KafkaClientSettings checked = of(file.toString(), entries);
        checked.refuseCredentialsReadableByOthers(file);
        checked.refuseMissingStores(file);
        return checked;
    }

    /** The settings to add to a client's configuration. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The same settings, typed as strings (for configurations kept as string maps). */
    public Map<String, String> asStrings() {
        return settings;
    }

    public boolean isEmpty() {
        return settings.isEmpty();
    }

    /** Whether any value is a credential. */
    public boolean holdsSecrets() {
        return settings.keySet().stream().anyMatch(KafkaClientSettings::isSecretKey);
    }

    /** The security protocol, PLAINTEXT when not set. */
    public String securityProtocol() {
        return settings.getOrDefault("security.protocol", "PLAINTEXT");
    }

    /** The settings with every credential shown as {@code (hidden)}. */
    @Override
    public String toString() {
        return settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + (isSecretKey(e.getKey()) ? HIDDEN : e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KafkaClientSettings s && s.settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    private static void checkKey(String source, String key) {
        if (SERVICE_OWNED_KEYS.contains(key)) {
            throw new KafkaClientSettingsException(source + ": '" + key + "' is not allowed here (each service sets it itself"
                    + (key.equals("bootstrap.servers") ? "; give the servers with --kafka" : "") + ")");
        }
        if (!ALLOWED_KEYS.contains(key)) {
            throw new KafkaClientSettingsException(source + ": unknown or unsupported key '" + printable(key)
                    + "' (allowed: security.protocol, sasl.mechanism, sasl.jaas.config, sasl.kerberos.service.name, ssl.* settings "
                    + "without classes, client.dns.lookup, socket/reconnect timeouts)");
        }
    }

    private static void checkValue(String source, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new KafkaClientSettingsException(source + ": '" + key + "' is empty");
        }
        if (value.length() > MAX_VALUE_CHARS) {
            throw new KafkaClientSettingsException(source + ": '" + key + "' is longer than " + MAX_VALUE_CHARS + " characters");
        }
        if (key.equals("security.protocol") && !SECURITY_PROTOCOLS.contains(value)) {
            throw new KafkaClientSettingsException(source + ": security.protocol '" + printable(value) + "' is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        }
        if (key.equals("sasl.mechanism") && !SASL_MECHANISMS.contains(value)) {
            throw new KafkaClientSettingsException(source + ": sasl.mechanism '" + printable(value)
                    + "' is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER, GSSAPI");
        }
    }

    private static void checkCombination(String source, Map<String, String> settings) {
        String protocol = settings.getOrDefault("security.protocol", "PLAINTEXT");
        boolean sasl = protocol.startsWith("SASL_");
        if (!sasl && (settings.containsKey("sasl.mechanism") || settings.containsKey("sasl.jaas.config"))) {
            throw new KafkaClientSettingsException(source + ": sasl.* settings need security.protocol SASL_PLAINTEXT or SASL_SSL (it is "
                    + protocol + ")");
        }
        if (sasl && !settings.containsKey("sasl.jaas.config") && !"GSSAPI".equals(settings.get("sasl.mechanism"))) {
            throw new KafkaClientSettingsException(source + ": security.protocol " + protocol + " needs sasl.jaas.config (the credentials)");
        }
    }

    /** A trust or key store that is not there fails here, naming the key, rather than deep inside the first connection. */
    private void refuseMissingStores(Path file) {
        for (String key : FILE_KEYS) {
            String location = settings.get(key);
            if (location != null && !Files.isReadable(Path.of(location))) {
                throw new KafkaClientSettingsException(file + ": " + key + " " + printable(location) + " is not a readable file");
            }
        }
    }

    private void refuseCredentialsReadableByOthers(Path file) {
        if (holdsSecrets() && BoundedTextFile.readableByOthers(file)) {
            throw new KafkaClientSettingsException(file + ": holds Kafka credentials but is readable by group or others (chmod 600 it)");
        }
    }

    private static String text(Path file) {
        try {
            return BoundedTextFile.read(file, MAX_BYTES, "Kafka client config file");
        } catch (BoundedTextFile.Unreadable e) {
            throw new KafkaClientSettingsException(e.getMessage());
        }
    }

    private static String printable(String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
