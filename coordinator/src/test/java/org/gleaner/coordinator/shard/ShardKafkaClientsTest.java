package org.gleaner.coordinator.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.gleaner.protocol.kafka.KafkaClientSettings;
import org.gleaner.protocol.kafka.KafkaConnection;
import org.junit.jupiter.api.Test;

class ShardKafkaClientsTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"coordinator\" password=\"not-a-real-secret\";";
    private static final KafkaConnection SECURED = new KafkaConnection("kafka-1:9093,kafka-2:9093", KafkaClientSettings.of("test",
            Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS)));

    private static final Map<String, Function<KafkaConnection, Properties>> EVERY_CLIENT = Map.of(
            "admin", ShardKafkaClients::admin,
            "ingest consumer", k -> ShardKafkaClients.ingestConsumer(k, "east"),
            "partition producer", k -> ShardKafkaClients.shardProducer(k, "gleaner-coordinator-shard-ingest-p3"),
            "epoch closer producer", k -> ShardKafkaClients.epochCloserProducer(k, "gleaner-coordinator-epoch-closer"),
            "job board producer", ShardKafkaClients::jobBoardProducer,
            "job board consumer", ShardKafkaClients::jobBoardConsumer,
            "credit log consumer", ShardKafkaClients::creditLogConsumer,
            "network credits consumer", ShardKafkaClients::networkCreditsConsumer);

    @Test
    void everyClientOfTheSharedModeSignsInWithTheConnectionsSettings() {
        EVERY_CLIENT.forEach((client, config) -> assertThat(config.apply(SECURED)).as(client)
                .containsEntry("bootstrap.servers", "kafka-1:9093,kafka-2:9093")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS));
    }

    @Test
    void aPlaintextConnectionAddsNoSignInSettings() {
        EVERY_CLIENT.forEach((client, config) -> assertThat(config.apply(KafkaConnection.plaintext("127.0.0.1:9092"))).as(client)
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .doesNotContainKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config"));
    }

    @Test
    void theClientsKeepTheSettingsTheirGuaranteesNeed() {
        assertThat(ShardKafkaClients.ingestConsumer(SECURED, "east"))
                .containsEntry("group.id", ShardedIngest.GROUP_ID)
                .containsEntry("client.id", "gleaner-coordinator-shards-east")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("partition.assignment.strategy", CoPartitionedAssignor.class.getName());
        assertThat(ShardKafkaClients.shardProducer(SECURED, "tx-p3"))
                .containsEntry("transactional.id", "tx-p3").containsEntry("enable.idempotence", "true").containsEntry("acks", "all");
        assertThat(ShardKafkaClients.epochCloserProducer(SECURED, "tx-epochs"))
                .containsEntry("transactional.id", "tx-epochs").containsEntry("enable.idempotence", "true").containsEntry("acks", "all");
        assertThat(ShardKafkaClients.jobBoardProducer(SECURED)).containsEntry("enable.idempotence", "true").containsEntry("acks", "all");
        for (Properties reader : new Properties[] {ShardKafkaClients.jobBoardConsumer(SECURED), ShardKafkaClients.creditLogConsumer(SECURED),
                ShardKafkaClients.networkCreditsConsumer(SECURED)}) {
            assertThat(reader).containsEntry("isolation.level", "read_committed").containsEntry("enable.auto.commit", "false");
        }
    }
}
