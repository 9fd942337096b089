package org.gleaner.cli.kafka;

import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.gleaner.protocol.Topics;

/**
 * What a node may do on Kafka: write the pages and links topics, nothing else (no read, no other topic, no
 * group, no transaction). WRITE on a topic also covers the node's idempotent producer (KIP-679).
 */
final class NodeAccess {
    static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    static final int SCRAM_ITERATIONS = 8192;

    private NodeAccess() {
    }

    /** The node's Kafka user: {@code node-} and the first 16 hex digits of its public key. */
    static String user(String nodeKeyHex) {
        if (!nodeKeyHex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("--node-key must be the node's public key, 64 lowercase hex digits");
        }
        return "node-" + nodeKeyHex.substring(0, 16);
    }

    static List<AclBinding> acls(String user, Topics topics) {
        return List.of(write(user, topics.pages()), write(user, topics.links()));
    }

    /** Every ACL of the user, on any resource: what removing a node deletes. */
    static AclBindingFilter everyAclOf(String user) {
        return new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter("User:" + user, null, AclOperation.ANY, AclPermissionType.ANY));
    }

    private static AclBinding write(String user, String topic) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", AclOperation.WRITE, AclPermissionType.ALLOW));
    }
}
