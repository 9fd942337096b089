package org.gleaner.cli.topics;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.cli.KafkaOptions;
import org.gleaner.protocol.kafka.KafkaConnection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gleaner topics}: the Kafka topics of a network, created before the services start. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Create or check the Kafka topics a Gleaner network needs (before starting the services on an external cluster).",
        subcommands = {TopicsCommand.Create.class})
public final class TopicsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Creates each missing topic with its partitions, replication and configs, and checks the ones that "
                    + "exist: a single-order topic (ledger, submissions, journal, the shared frontier's jobs and epochs) "
                    + "with more than one partition is an error, and so are links or the shared frontier's frontier and "
                    + "shard-journal topics partitioned unlike the pages. Prints one line per topic; exits 1 if any topic "
                    + "is wrong."})
    public static final class Create implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        KafkaOptions kafka;

        private String bootstrapServers;

        @Option(names = "--topic-prefix", defaultValue = "gleaner", description = "Topic prefix (default: ${DEFAULT-VALUE}).")
        String topicPrefix;

        @Option(names = "--partitions", defaultValue = "6",
                description = "Partitions of the scalable topics (pages, links, credits, statements, the shared "
                        + "frontier and its journal) (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--replication-factor", defaultValue = "3", description = "Replicas of every topic (default: ${DEFAULT-VALUE}).")
        short replicationFactor;

        @Option(names = "--min-insync-replicas", defaultValue = "2",
                description = "min.insync.replicas of every topic; 0 keeps the cluster's default (default: ${DEFAULT-VALUE}).")
        int minInsyncReplicas;

        @Option(names = "--timeout-seconds", defaultValue = "60", description = "How long to wait for the cluster (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            Topics topics = validated();
            KafkaConnection connection = kafka.connection();
            bootstrapServers = connection.bootstrapServers();
            PrintWriter out = spec.commandLine().getOut();
            Properties props = connection.clientProperties();
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutSeconds * 1000);
            // Kafka refuses an API timeout below the request timeout (30 s by default)
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutSeconds * 1000, 30_000));
            boolean allGood = true;
            try (Admin admin = Admin.create(props)) {
                Set<String> existing = await(admin.listTopics().names());
                List<NewTopic> missing = new ArrayList<>();
                List<TopicPlan.TopicSpec> plan = TopicPlan.of(topics, partitions, minInsyncReplicas);
                for (TopicPlan.TopicSpec topic : plan) {
                    if (!existing.contains(topic.name())) {
                        missing.add(new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(topic.configs()));
                    }
                }
                if (!missing.isEmpty()) {
                    await(admin.createTopics(missing).all());
                }
                Map<String, TopicDescription> described = describe(admin, plan.stream().map(TopicPlan.TopicSpec::name).toList());
                for (TopicPlan.TopicSpec topic : plan) {
                    TopicDescription d = described.get(topic.name());
                    int parts = d.partitions().size();
                    int replicas = d.partitions().get(0).replicas().size();
                    boolean created = missing.stream().anyMatch(t -> t.name().equals(topic.name()));
                    String wrong = wrongShape(topic, parts, described);
                    allGood &= wrong == null;
                    out.printf("%-8s %-36s %2d partitions x %d replicas  %s%s%n", wrong != null ? "WRONG" : created ? "created" : "exists",
                            topic.name(), parts, replicas, topic.purpose(), wrong != null ? " (" + wrong + ": recreate it)" : "");
                    if (wrong == null && !created && replicas < replicationFactor) {
                        out.printf("         %s has fewer replicas than --replication-factor %d (left as it is)%n", topic.name(), replicationFactor);
                    }
                }
            }
            out.flush();
            return allGood ? 0 : 1;
        }

        /** Why an existing topic cannot serve, or null: partition counts the services rely on. */
        private static String wrongShape(TopicPlan.TopicSpec topic, int parts, Map<String, TopicDescription> described) {
            if (topic.singlePartition() && parts != 1) {
                return "must have exactly 1 partition";
            }
            if (topic.partitionedLike() != null) {
                int expected = described.get(topic.partitionedLike()).partitions().size();
                if (parts != expected) {
                    return "must have as many partitions as " + topic.partitionedLike() + " (" + expected + ")";
                }
            }
            return null;
        }

        private Topics validated() {
            if (partitions < 1 || partitions > 1000) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be between 1 and 1000");
            }
            if (replicationFactor < 1 || replicationFactor > 7) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--replication-factor must be between 1 and 7");
            }
            if (minInsyncReplicas < 0 || minInsyncReplicas > replicationFactor) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--min-insync-replicas must be between 0 and --replication-factor");
            }
            if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--timeout-seconds must be between 1 and 3600");
            }
            try {
                return new Topics(topicPrefix);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--topic-prefix: " + e.getMessage());
            }
        }

        /** Topics just created may be unknown to the broker answering for a moment; asks again until the timeout. */
        private Map<String, TopicDescription> describe(Admin admin, List<String> names) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (true) {
                try {
                    return admin.describeTopics(names).allTopicNames().get(timeoutSeconds, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                            || System.nanoTime() > deadline) {
                        throw new IllegalStateException("cannot describe the topics: " + e.getCause().getMessage());
                    }
                    Thread.sleep(200);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + timeoutSeconds + " s");
                }
            }
        }

        private <T> T await(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
            try {
                return future.get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + timeoutSeconds + " s");
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka refused: " + e.getCause().getMessage());
            }
        }
    }
}
