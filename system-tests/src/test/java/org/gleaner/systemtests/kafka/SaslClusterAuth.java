package org.gleaner.systemtests.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Authentication and authorization of a secured container cluster: one SASL_PLAINTEXT client listener that
 * takes PLAIN for the cluster's own admin (also used between brokers; a static user in the broker's JAAS
 * configuration) and SCRAM-SHA-512 for every other principal (created at run time through the Admin API, so
 * a node's credentials can be issued and revoked without restarting brokers). KRaft's StandardAuthorizer
 * decides every request; with no ACL, nothing is allowed. The controller listener stays PLAINTEXT on
 * 127.0.0.1, so its anonymous principal is a super user (as in Kafka's own KRaft SASL examples).
 */
public record SaslClusterAuth(String adminUser, String adminPassword) {
    public static final String LISTENER = "SASL_PLAINTEXT";
    public static final String SCRAM = "SCRAM-SHA-512";

    public SaslClusterAuth {
        if (!adminUser.matches("[a-z][a-z0-9-]{0,31}") || !adminPassword.matches("[A-Za-z0-9]{16,64}")) {
            throw new IllegalArgumentException("admin user must be [a-z][a-z0-9-]*, password 16-64 letters or digits");
        }
    }

    /** Broker settings (KAFKA_* variables of the image's contract) besides the listeners. */
    Map<String, String> brokerEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_SASL_ENABLED_MECHANISMS", "PLAIN," + SCRAM);
        env.put("KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL", "PLAIN");
        // listener.name.sasl_plaintext.plain.sasl.jaas.config ("__" is "_", "___" is "-" in the image's contract)
        env.put("KAFKA_LISTENER_NAME_SASL__PLAINTEXT_PLAIN_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + adminUser
                        + "\" password=\"" + adminPassword + "\" user_" + adminUser + "=\"" + adminPassword + "\";");
        env.put("KAFKA_LISTENER_NAME_SASL__PLAINTEXT_SCRAM___SHA___512_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        env.put("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        env.put("KAFKA_SUPER_USERS", "User:" + adminUser + ";User:ANONYMOUS");
        env.put("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
        return env;
    }

    /** Client settings for the admin. */
    public Map<String, Object> adminClientConfig() {
        return Map.of("security.protocol", LISTENER, "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + adminUser
                        + "\" password=\"" + adminPassword + "\";");
    }

    /** Client settings for a SCRAM principal (a node). */
    public static Map<String, Object> scramClientConfig(String user, String password) {
        return Map.of("security.protocol", LISTENER, "sasl.mechanism", SCRAM,
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                        + "\" password=\"" + password + "\";");
    }
}
