package org.gleaner.systemtests.security;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.gleaner.protocol.Topics;

/**
 * What a network admits a node with on Kafka: its own SCRAM principal ({@code User:node-<first 16 hex of its
 * key>}), permission to write the pages and links topics and nothing else (no read, no other topic, no
 * group, no transactions), and a produce quota. The same three steps exist as kafka-configs.sh and
 * kafka-acls.sh commands, listed in docs/deploy.md.
 */
final class NodeKafkaAccess {
    private static final int SCRAM_ITERATIONS = 8192;

    private NodeKafkaAccess() {
    }

    static String principalName(String nodeId) {
        if (!nodeId.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a node id is 64 lowercase hex characters");
        }
        return "node-" + nodeId.substring(0, 16);
    }

    /** Creates (or replaces) the node's credentials, its write-only ACLs and its produce quota. */
    static void admit(Admin admin, Topics topics, String user, String password, long produceBytesPerSecond) throws Exception {
        await(admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password))).all());
        String principal = "User:" + user;
        await(admin.createAcls(List.of(
                write(principal, topics.pages()),
                write(principal, topics.links()))).all());
        ClientQuotaEntity entity = new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, user));
        await(admin.alterClientQuotas(List.of(new ClientQuotaAlteration(entity,
                List.of(new ClientQuotaAlteration.Op("producer_byte_rate", (double) produceBytesPerSecond))))).all());
    }

    private static AclBinding write(String principal, String topic) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", AclOperation.WRITE, AclPermissionType.ALLOW));
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException, ExecutionException,
            TimeoutException {
        return future.get(30, TimeUnit.SECONDS);
    }
}
