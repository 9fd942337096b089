package org.gleaner.devnet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.durable.CoordinatorTopics;
import org.gleaner.coordinator.durable.TopicReplay;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;
import org.gleaner.protocol.page.FetchedPage;

/**
 * Who disagreed with whom in the spot checks, read from the coordinator's committed credit events and the
 * pages topic (which names the node behind every fetch of a URL). The coordinator files a failed check under
 * the node whose page was checked, so a node that alters pages also gets honest nodes penalised when it is
 * the checker. Here both sides of each check count: a node that took part in failed checks and never agreed
 * with any other node, in either role, is the one altering content; a node framed by it still agrees with the
 * honest nodes on its other checks.
 */
record SpotCheckVerdicts(Map<String, Long> passedAsOriginal, Map<String, Long> failedAsOriginal,
        Map<String, Long> agreements, Map<String, Long> disagreements) {

    /** Reads both topics; only pages whose receipt signature verifies for {@code origin} name a fetcher. */
    static SpotCheckVerdicts read(String bootstrapServers, Topics topics, String origin) throws MalformedRecordException {
        Map<String, Set<String>> fetchersByUrl = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(bootstrapServers, topics.pages(), FetchedPage.MAX_ENCODED)) {
            if (r.value() == null) {
                continue;
            }
            var signed = FetchedPage.decode(r.value()).receipt();
            var receipt = signed.record();
            if (!signedByItsNode(signed, origin)) {
                continue;
            }
            fetchersByUrl.computeIfAbsent(receipt.url(), u -> new LinkedHashSet<>()).add(receipt.nodeKey().hex());
        }
        List<CreditEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(bootstrapServers, new CoordinatorTopics(topics).credits(),
                CreditEvent.MAX_ENCODED)) {
            events.add(CreditEvent.decode(r.value()));
        }
        return of(fetchersByUrl, events);
    }

    /** The verdicts from who fetched each URL (node ids) and the coordinator's credit events. */
    static SpotCheckVerdicts of(Map<String, Set<String>> fetchersByUrl, List<CreditEvent> events) {
        Map<String, Long> passed = new TreeMap<>();
        Map<String, Long> failed = new TreeMap<>();
        Map<String, Long> agreements = new TreeMap<>();
        Map<String, Long> disagreements = new TreeMap<>();
        for (CreditEvent event : events) {
            boolean agreed = event.kind() == CreditEvent.Kind.SPOT_CHECK_AGREED;
            if (!agreed && event.kind() != CreditEvent.Kind.SPOT_CHECK_FAILED) {
                continue;
            }
            (agreed ? passed : failed).merge(event.nodeId(), 1L, Long::sum);
            Set<String> checkers = new LinkedHashSet<>(fetchersByUrl.getOrDefault(event.url(), Set.of()));
            checkers.remove(event.nodeId());
            if (checkers.size() != 1) {
                continue; // the checker cannot be told apart: count the check for the original node only
            }
            Map<String, Long> side = agreed ? agreements : disagreements;
            side.merge(event.nodeId(), 1L, Long::sum);
            side.merge(checkers.iterator().next(), 1L, Long::sum);
        }
        return new SpotCheckVerdicts(Map.copyOf(passed), Map.copyOf(failed), Map.copyOf(agreements), Map.copyOf(disagreements));
    }

    private static boolean signedByItsNode(org.gleaner.protocol.codec.Signed<org.gleaner.protocol.page.PageReceipt> signed,
            String origin) {
        try {
            return signed.verifies(origin, Ed25519PublicKey.fromBytes(signed.record().nodeKey().toArray()));
        } catch (InvalidKeyException e) {
            return false;
        }
    }

    long passed(String nodeId) {
        return passedAsOriginal.getOrDefault(nodeId, 0L);
    }

    long failed(String nodeId) {
        return failedAsOriginal.getOrDefault(nodeId, 0L);
    }

    /** Nodes that disagreed in spot checks and never agreed with another node. */
    Set<String> distrusted() {
        return disagreements.keySet().stream().filter(node -> agreements.getOrDefault(node, 0L) == 0)
                .collect(Collectors.toUnmodifiableSet());
    }
}
