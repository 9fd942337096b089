package org.gleaner.node.status;

import java.util.List;
import java.util.Map;
import org.gleaner.node.CrawlerNode;
import org.gleaner.node.HostLog;
import org.gleaner.node.bandwidth.TrafficMeter;
import org.gleaner.node.operator.CreditsStatus;

/**
 * What the operator sees, as of one moment: who the node is, the share it was given against the bytes it
 * measured, pages and errors by kind, URLs handed back at stops, the coordinator's credits and penalties, which
 * addresses the egress guard lets through beyond the public internet, and the most recent hosts fetched through
 * the operator's address.
 */
public record NodeStatus(String nodeId, String coordinator, boolean running, long shareBytesPerSecond,
        long measuredBytesPerSecond, long bytesReceived, long bytesSent, long pages, long bodyBytes, long leases,
        long handedBackUrls, Map<String, Long> errors, List<String> egressAllowRules, CreditsStatus credits,
        List<HostLog.Entry> recentHosts) {

    public static final int HOSTS_SHOWN = 100;

    public static NodeStatus of(CrawlerNode node, boolean running, CreditsStatus credits) {
        TrafficMeter traffic = node.traffic();
        List<HostLog.Entry> hosts = node.stats().hostLog().recent();
        return new NodeStatus(node.nodeId(), node.config().coordinatorUrl(), running, node.config().shareBytesPerSecond(),
                traffic.recentBytesPerSecond(), traffic.receivedBytes(), traffic.sentBytes(), node.stats().pages(),
                node.stats().bodyBytes(), node.stats().leases(), node.stats().handedBackUrls(), node.stats().errors(),
                node.config().egressGuard().allowRules().stream().map(Object::toString).toList(), credits,
                hosts.subList(0, Math.min(HOSTS_SHOWN, hosts.size())));
    }
}
