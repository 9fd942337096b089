package org.gleaner.devnet.nodes;

import org.gleaner.devnet.StoryLog;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.gleaner.node.CrawlerNode;
import org.gleaner.node.NodeConfig;
import org.gleaner.protocol.net.Cidr;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.node.fetch.FetchPolicy;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.KeyFileException;

/**
 * The devnet's crawler nodes, each with its own key under {@code nodes/node-N}. The honest ones resolve the
 * demo hosts to the real site on 127.0.0.1; the misbehaving one (the last, when asked for) resolves them to
 * the altered copy on 127.0.0.2 and so submits altered content under valid signatures.
 */
public final class NodeFleet {
    /** Where the misbehaving node's altered copy of the demo site listens. */
    public static final String ALTERED_SITE_ADDRESS = "127.0.0.2";

    public record Member(String name, CrawlerNode node, boolean misbehaving) {
    }

    private NodeFleet() {
    }

    public static List<Member> start(Path runDir, int count, boolean withMisbehaving, String origin, String coordinatorUrl,
            Ed25519PublicKey coordinatorKey, String bootstrap, Topics topics, Clock clock, StoryLog progress)
            throws IOException, KeyFileException {
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            boolean misbehaving = withMisbehaving && i == count;
            String address = misbehaving ? ALTERED_SITE_ADDRESS : "127.0.0.1";
            // Devnet only: the demo hosts are on loopback, which the egress guard refuses unless explicitly allowed.
            EgressGuard guard = new EgressGuard(List.of(Cidr.parse(address + "/32")));
            Ed25519KeyPair key = Ed25519KeyPair.loadOrCreate(runDir.resolve("nodes/node-" + i + "/node.key"));
            NodeConfig config = new NodeConfig(origin, coordinatorUrl, coordinatorKey, bootstrap, topics,
                    FetchPolicy.defaults(), guard, 0, new DemoHostResolver(InetAddress.getByName(address)));
            String name = "node-" + i;
            members.add(new Member(name, new CrawlerNode(config, key, clock), misbehaving));
            progress.say(name + " " + key.publicKey().fingerprint().substring(0, 16) + "… (egress allow: "
                    + guard.allowRules() + (misbehaving ? "; MISBEHAVING: submits altered pages" : "") + ")");
        }
        return members;
    }
}
