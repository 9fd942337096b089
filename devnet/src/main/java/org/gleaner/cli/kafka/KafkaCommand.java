package org.gleaner.cli.kafka;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.gleaner.node.bandwidth.ShareRate;
import org.gleaner.node.status.Units;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.io.AtomicFiles;
import org.gleaner.protocol.kafka.KafkaClientSettings;
import org.gleaner.protocol.kafka.KafkaConnection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gleaner kafka}: a node's own Kafka principal on a cluster that authenticates and authorizes clients. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "Admit a node to a secured Kafka cluster (its SASL/SCRAM user, write-only ACLs, a produce quota) or remove it.",
        subcommands = {KafkaCommand.AdmitNode.class, KafkaCommand.RemoveNode.class})
public final class KafkaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The cluster and the admin's client settings. */
    static final class ClusterOptions {
        @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]", description = "Kafka bootstrap servers.")
        String bootstrapServers;

        @Option(names = "--admin-config", required = true, paramLabel = "FILE",
                description = "Kafka client properties that sign in as the cluster's admin (security.protocol, sasl.*, ssl.*; as Kafka's "
                        + "tools take with --command-config); owner-only.")
        Path adminConfig;

        @Option(names = "--node-key", required = true, paramLabel = "HEX", description = "The node's public key (its id, 64 hex digits).")
        String nodeKey;

        /** The admin's connection; a bad settings file is a one-line usage error. */
        KafkaConnection connection(CommandLine.Model.CommandSpec spec) {
            try {
                return new KafkaConnection(bootstrapServers, KafkaClientSettings.read(adminConfig));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--admin-config: " + e.getMessage());
            }
        }

        static Admin admin(KafkaConnection connection) {
            Properties props = connection.clientProperties();
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
            return Admin.create(props);
        }
    }

    @Command(name = "admit-node", mixinStandardHelpOptions = true,
            description = {"Creates (or replaces the password of) the node's SCRAM-SHA-512 user node-<first 16 hex of its key>, "
                    + "lets it write the pages and links topics and nothing else, and sets its produce quota. The new password "
                    + "goes to --password-file (owner-only) and is never printed; give it to the node's operator."})
    public static final class AdmitNode implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ClusterOptions cluster;

        @Option(names = "--password-file", required = true, paramLabel = "FILE", description = "Where to write the new password (must not exist).")
        Path passwordFile;

        @Option(names = "--produce-quota", defaultValue = "2MB/s", paramLabel = "RATE",
                description = "Most the node may write to Kafka, e.g. 2MB/s (default: ${DEFAULT-VALUE}).")
        String produceQuota;

        @Option(names = "--topic-prefix", defaultValue = "gleaner", description = "Topic prefix (default: ${DEFAULT-VALUE}).")
        String topicPrefix;

        @Override
        public Integer call() throws Exception {
            String user = parse(() -> NodeAccess.user(cluster.nodeKey));
            long quota = parse(() -> {
                try {
                    return ShareRate.parse(produceQuota);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--produce-quota: " + e.getMessage().replaceFirst("^share ", ""));
                }
            });
            Topics topics = parse(() -> new Topics(topicPrefix));
            if (Files.exists(passwordFile)) {
                throw new CommandLine.ParameterException(spec.commandLine(), passwordFile + " exists; it is never replaced");
            }
            KafkaConnection connection = cluster.connection(spec); // refused before anything is written
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            AtomicFiles.writeOwnerOnly(passwordFile, password + "\n"); // owner-only from its first byte
            try (Admin admin = ClusterOptions.admin(connection)) {
                await(admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, NodeAccess.SCRAM_ITERATIONS), password))).all());
                await(admin.createAcls(NodeAccess.acls(user, topics)).all());
                await(admin.alterClientQuotas(List.of(new ClientQuotaAlteration(new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, user)),
                        List.of(new ClientQuotaAlteration.Op("producer_byte_rate", (double) quota))))).all());
            } catch (RuntimeException | InterruptedException e) {
                // a password that was never set must not look like one that was
                Files.deleteIfExists(passwordFile);
                throw e;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("admitted     %s (SASL %s)%n", user, NodeAccess.SCRAM_MECHANISM);
            out.printf("may write    %s, %s (nothing else)%n", topics.pages(), topics.links());
            out.printf("quota        %s produced%n", Units.rate(quota));
            out.printf("password     in %s%n", passwordFile);
            out.flush();
            return 0;
        }

        private <T> T parse(java.util.function.Supplier<T> parser) {
            try {
                return parser.get();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    @Command(name = "remove-node", mixinStandardHelpOptions = true,
            description = "Deletes the node's Kafka user, every ACL of it and its quota: its next request to Kafka is refused.")
    public static final class RemoveNode implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ClusterOptions cluster;

        @Override
        public Integer call() throws Exception {
            String user;
            try {
                user = NodeAccess.user(cluster.nodeKey);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            KafkaConnection connection = cluster.connection(spec);
            int acls;
            try (Admin admin = ClusterOptions.admin(connection)) {
                acls = await(admin.deleteAcls(List.of(NodeAccess.everyAclOf(user))).all()).size();
                await(admin.alterClientQuotas(List.of(new ClientQuotaAlteration(new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, user)),
                        List.of(new ClientQuotaAlteration.Op("producer_byte_rate", null))))).all());
                try {
                    await(admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(user, ScramMechanism.SCRAM_SHA_512))).all());
                } catch (IllegalStateException e) {
                    if (!e.getMessage().contains("ResourceNotFound")) {
                        throw e;
                    }
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("removed      %s (credentials, %d ACLs, quota)%n", user, acls);
            out.flush();
            return 0;
        }
    }

    static <T> T await(KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 60 s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused: " + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        }
    }
}
