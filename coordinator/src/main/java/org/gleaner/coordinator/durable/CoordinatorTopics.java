package org.gleaner.coordinator.durable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.kafka.KafkaConnection;

/**
 * The topics the coordinator owns: its journal (job and lease events, one partition so that replay sees them
 * in the order they were decided, never deleted), the credits topic (one event per judged page) and the
 * statements topic (each node's signed reward statement per epoch, keyed by node id).
 */
public record CoordinatorTopics(Topics topics) {
    public String journal() {
        return topics.prefix() + ".coordinator.journal";
    }

    public String credits() {
        return topics.credits();
    }

    public String statements() {
        return topics.prefix() + ".coordinator.statements";
    }

    /** Where reward-root entries go for the ledger to append; the ledger topic itself is the ledger's alone. */
    public String ledgerSubmissions() {
        return topics.ledgerSubmissions();
    }

    public String pages() {
        return topics.pages();
    }

    public String links() {
        return topics.links();
    }

    /** Creates the journal and credits topics if they are missing. */
    public void ensureExist(String bootstrapServers) {
        ensureExist(KafkaConnection.plaintext(bootstrapServers));
    }

    /** Creates the journal and credits topics if they are missing. */
    public void ensureExist(KafkaConnection kafka) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            Map<String, String> keepForever = Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1");
            if (!existing.contains(journal())) {
                missing.add(new NewTopic(journal(), 1, (short) -1).configs(keepForever));
            }
            if (!existing.contains(credits())) {
                missing.add(new NewTopic(credits(), 3, (short) -1).configs(keepForever));
            }
            if (!existing.contains(statements())) {
                missing.add(new NewTopic(statements(), 3, (short) -1).configs(keepForever));
            }
            if (!existing.contains(ledgerSubmissions())) {
                // Normally the consent ledger creates it; the coordinator only appends reward roots.
                missing.add(new NewTopic(ledgerSubmissions(), 1, (short) -1).configs(keepForever));
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("cannot create the coordinator's topics: " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + kafka.bootstrapServers() + " to create the coordinator's topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
