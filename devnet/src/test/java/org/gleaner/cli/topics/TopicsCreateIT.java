package org.gleaner.cli.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.gleaner.coordinator.durable.CoordinatorTopics;
import org.gleaner.coordinator.shard.ShardTopics;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gleaner topics create} against a real (in-JVM) broker. */
class TopicsCreateIT {
    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build();
        broker.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private record Run(int exit, String out) {
    }

    private static Run create(String... extra) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new TopicsCommand()).setOut(new PrintWriter(out, true));
        List<String> args = new java.util.ArrayList<>(List.of("create", "--bootstrap-servers", broker.bootstrapServers(),
                "--replication-factor", "1", "--min-insync-replicas", "1"));
        args.addAll(List.of(extra));
        return new Run(cli.execute(args.toArray(String[]::new)), out.toString());
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(p);
    }

    @Test
    void createsEveryTopicWithItsShapeThenFindsThemOnTheNextRun() throws Exception {
        Run first = create("--topic-prefix", "net1", "--partitions", "4");
        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("created  net1.pages").contains("created  net1.ledger ")
                .contains("created  net1.coordinator.journal").contains("created  net1.ledger.submissions");
        try (Admin admin = admin()) {
            var described = admin.describeTopics(List.of("net1.pages", "net1.ledger", "net1.coordinator.journal", "net1.credits"))
                    .allTopicNames().get();
            assertThat(described.get("net1.pages").partitions()).hasSize(4);
            assertThat(described.get("net1.credits").partitions()).hasSize(4);
            assertThat(described.get("net1.ledger").partitions()).hasSize(1);
            assertThat(described.get("net1.coordinator.journal").partitions()).hasSize(1);
            ConfigResource ledger = new ConfigResource(ConfigResource.Type.TOPIC, "net1.ledger");
            ConfigResource pages = new ConfigResource(ConfigResource.Type.TOPIC, "net1.pages");
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(ledger, pages)).all().get();
            assertThat(configs.get(ledger).get("retention.ms").value()).isEqualTo("-1");
            assertThat(configs.get(pages).get("max.message.bytes").value()).isEqualTo(TopicPlan.PAGE_MESSAGE_BYTES);
        }

        try (Admin admin = admin()) {
            var shared = admin.describeTopics(List.of("net1.coordinator.frontier", "net1.coordinator.shard-journal",
                    "net1.coordinator.jobs", "net1.coordinator.epochs")).allTopicNames().get();
            assertThat(shared.get("net1.coordinator.frontier").partitions()).hasSize(4);
            assertThat(shared.get("net1.coordinator.shard-journal").partitions()).hasSize(4);
            assertThat(shared.get("net1.coordinator.jobs").partitions()).hasSize(1);
            assertThat(shared.get("net1.coordinator.epochs").partitions()).hasSize(1);
            for (String name : shared.keySet()) {
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, name);
                Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
                assertThat(config.get("cleanup.policy").value()).as(name).isEqualTo("delete");
                assertThat(config.get("retention.ms").value()).as(name).isEqualTo("-1");
                assertThat(config.get("retention.bytes").value()).as(name).isEqualTo("-1");
            }
        }
        assertThat(first.out()).contains("created  net1.coordinator.frontier").contains("created  net1.coordinator.shard-journal")
                .contains("created  net1.coordinator.jobs").contains("created  net1.coordinator.epochs");
        // serve-shared accepts what was created: it finds every topic, creates none, and shares 4 partitions.
        Set<String> before;
        try (Admin admin = admin()) {
            before = admin.listTopics().names().get();
        }
        assertThat(new ShardTopics(new CoordinatorTopics(new Topics("net1"))).ensureExist(broker.bootstrapServers()))
                .isEqualTo(4);
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get()).isEqualTo(before);
        }

        Run second = create("--topic-prefix", "net1", "--partitions", "4");
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("exists   net1.pages").doesNotContain("created");
    }

    @Test
    void aLedgerTopicWithSeveralPartitionsIsReportedWrong() {
        broker.createTopic("net2.ledger", 3);
        Run run = create("--topic-prefix", "net2");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("WRONG    net2.ledger").contains("must have exactly 1 partition");
    }

    @Test
    void aSharedFrontierTopicPartitionedUnlikeThePagesIsReportedWrong() {
        broker.createTopic("net3.coordinator.shard-journal", 2);
        Run run = create("--topic-prefix", "net3", "--partitions", "3");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("WRONG    net3.coordinator.shard-journal")
                .contains("must have as many partitions as net3.pages (3)")
                .contains("created  net3.coordinator.frontier");
    }

    @Test
    void badShapesAreRefusedBeforeContactingKafka() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TopicsCommand()).setErr(new PrintWriter(err, true));
        int exit = cli.execute("create", "--bootstrap-servers", "127.0.0.1:1", "--replication-factor", "2", "--min-insync-replicas", "3");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--min-insync-replicas must be between 0 and --replication-factor");
    }
}
