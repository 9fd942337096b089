package org.gleaner.coordinator.durable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.ingest.CommitHook;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeasedUrl;
import org.gleaner.protocol.page.FetchedPage;

/** A real in-JVM broker with the page and link topics, and a producer that plays crawler nodes. */
final class KafkaTestNetwork implements AutoCloseable {
    static final Topics TOPICS = new Topics("crashtest");

    final EmbeddedKafkaBroker broker;
    private final KafkaProducer<String, byte[]> nodeProducer;

    KafkaTestNetwork(Path dataDir) {
        broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).build();
        broker.start();
        broker.createTopic(TOPICS.pages(), 3, Map.of("max.message.bytes", Integer.toString(2 * 1024 * 1024)));
        broker.createTopic(TOPICS.links(), 3, Map.of());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        nodeProducer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }

    /** Opens a durable coordinator on this broker's topics and starts its ingest loop; the caller closes it. */
    DurableCoordinator openCoordinator(org.gleaner.coordinator.CoordinatorConfig config, Ed25519KeyPair key, Clock clock,
            CommitHook hook) {
        DurableCoordinator c = DurableCoordinator.open(config, key, clock, bootstrap(), TOPICS, "it",
                DurableCoordinator.DEFAULT_EPOCH, hook, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        Thread thread = new Thread(c.ingest(), "ingest");
        thread.setDaemon(true);
        thread.start();
        return c;
    }

    /** Asks for a lease as {@code node} with a freshly signed request. */
    static LeaseDecision ask(Coordinator coordinator, Ed25519KeyPair node, Clock clock) {
        return coordinator.requestLease(Fixtures.leaseRequest(node, 100, clock.millis()));
    }

    /** Delivers every URL of the lease as a node would: signed receipt, page to Kafka, acknowledged. */
    void deliver(Ed25519KeyPair node, CrawlLease lease, Clock clock) throws Exception {
        deliver(node, lease, clock, url -> "<html>" + url + "</html>");
    }

    /** Delivers every URL of the lease with the body {@code bodyOf} gives for it (a cheat sends another page). */
    void deliver(Ed25519KeyPair node, CrawlLease lease, Clock clock, java.util.function.UnaryOperator<String> bodyOf) throws Exception {
        for (LeasedUrl url : lease.urls()) {
            byte[] body = bodyOf.apply(url.url()).getBytes(StandardCharsets.UTF_8);
            FetchedPage page = Fixtures.page(node, lease.leaseId(), url.url(), clock.millis(), body);
            nodeProducer.send(new ProducerRecord<>(TOPICS.pages(), url.url(), page.encode().toArray())).get();
        }
    }

    void sendRaw(String key, byte[] value) throws Exception {
        nodeProducer.send(new ProducerRecord<>(TOPICS.pages(), key, value)).get();
    }

    /** Every committed credit event, as a read_committed reader (the reward epoch) sees them. */
    List<CreditEvent> committedCredits() throws MalformedRecordException {
        List<CreditEvent> out = new java.util.ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(bootstrap(), TOPICS.credits(), CreditEvent.MAX_ENCODED)) {
            out.add(CreditEvent.decode(r.value()));
        }
        return out;
    }

    static Map<String, Long> creditedPerLeaseUrl(List<CreditEvent> events) {
        Map<String, Long> out = new HashMap<>();
        events.stream().filter(CreditEvent::credited).forEach(e -> out.merge(e.leaseId() + " " + e.url(), 1L, Long::sum));
        return out;
    }

    @Override
    public void close() {
        nodeProducer.close();
        broker.close();
    }
}
