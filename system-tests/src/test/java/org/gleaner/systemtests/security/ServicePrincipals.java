package org.gleaner.systemtests.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.gleaner.protocol.Topics;

/**
 * A service's own SCRAM principal with the ACLs it needs and no more, created through the Admin API as the
 * cluster's admin would with {@code kafka-configs.sh} and {@code kafka-acls.sh} (docs/deploy.md lists them).
 */
final class ServicePrincipals {
    private final String bootstrap;
    private final Map<String, Object> adminClientConfig;

    ServicePrincipals(String bootstrap, Map<String, Object> adminClientConfig) {
        this.bootstrap = bootstrap;
        this.adminClientConfig = adminClientConfig;
    }

    /** The coordinator: reads pages and links; owns credits, statements and its journal; appends reward-root submissions. */
    void admitCoordinator(String user, String password, Topics topics) throws Exception {
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : List.of(topics.pages(), topics.links())) {
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
        }
        for (String topic : List.of(topics.credits(), topics.prefix() + ".coordinator.statements",
                topics.prefix() + ".coordinator.journal", topics.ledgerSubmissions())) {
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
        }
        acls.add(allow(user, ResourceType.GROUP, "gleaner-coordinator", PatternType.PREFIXED, AclOperation.READ));
        acls.add(allow(user, ResourceType.TRANSACTIONAL_ID, "gleaner-coordinator-", PatternType.PREFIXED, AclOperation.WRITE));
        acls.add(allow(user, ResourceType.TRANSACTIONAL_ID, "gleaner-coordinator-", PatternType.PREFIXED, AclOperation.DESCRIBE));
        admit(user, password, acls);
    }

    /**
     * The ledger: writes its log's mirror, reads the submissions, in its own consumer group. It asks to create both
     * topics at every start (an existing topic is fine), and Kafka checks the Create permission before it looks.
     */
    void admitLedger(String user, String password, Topics topics) throws Exception {
        admit(user, password, List.of(
                allow(user, ResourceType.TOPIC, topics.ledger(), PatternType.LITERAL, AclOperation.READ),
                allow(user, ResourceType.TOPIC, topics.ledger(), PatternType.LITERAL, AclOperation.WRITE),
                allow(user, ResourceType.TOPIC, topics.ledger(), PatternType.LITERAL, AclOperation.CREATE),
                allow(user, ResourceType.TOPIC, topics.ledgerSubmissions(), PatternType.LITERAL, AclOperation.READ),
                allow(user, ResourceType.TOPIC, topics.ledgerSubmissions(), PatternType.LITERAL, AclOperation.CREATE),
                allow(user, ResourceType.GROUP, "gleaner-ledger", PatternType.PREFIXED, AclOperation.READ)));
    }

    /** The dataset builder: reads pages (and the ledger for its consent view) in its own consumer groups. */
    void admitBuilder(String user, String password, Topics topics) throws Exception {
        admit(user, password, List.of(
                allow(user, ResourceType.TOPIC, topics.pages(), PatternType.LITERAL, AclOperation.READ),
                allow(user, ResourceType.TOPIC, topics.ledger(), PatternType.LITERAL, AclOperation.READ),
                allow(user, ResourceType.GROUP, "gleaner-dataset-builder", PatternType.PREFIXED, AclOperation.READ)));
    }

    private void admit(String user, String password, List<AclBinding> acls) throws Exception {
        Properties props = new Properties();
        props.putAll(adminClientConfig);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get(60, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
        }
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }
}
