package org.gleaner.cli.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
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
    void badShapesAreRefusedBeforeContactingKafka() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TopicsCommand()).setErr(new PrintWriter(err, true));
        int exit = cli.execute("create", "--bootstrap-servers", "127.0.0.1:1", "--replication-factor", "2", "--min-insync-replicas", "3");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--min-insync-replicas must be between 0 and --replication-factor");
    }
}
