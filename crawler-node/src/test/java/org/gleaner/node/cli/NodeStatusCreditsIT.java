package org.gleaner.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.node.cli.NodeCommandFixture.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.node.cli.NodeCommandFixture.HeldPageSite;
import org.gleaner.node.cli.NodeCommandFixture.Run;
import org.gleaner.node.network.RealNetwork;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code gleaner node status} of a node started with {@code --coordinator-api}: the credits and the penalty with its
 * reason code come from the real coordinator's REST API, asked with the node's signature.
 */
class NodeStatusCreditsIT {
    @TempDir
    Path tmp;

    @Test
    void statusShowsCreditsAndPenaltiesFromTheCoordinator() throws Exception {
        try (HeldPageSite site = new HeldPageSite("/last");
                RealNetwork network = new RealNetwork(tmp.resolve("kafka"), "st",
                        RealNetwork.config(8, Duration.ofMinutes(2), Duration.ofMillis(20)), Duration.ofHours(1));
                ConfigurableApplicationContext web = network.startRestApi()) {
            String host = site.host();
            network.submit("job-st", List.of(site.url("/a"), site.url("/b"), site.url("/last")), host, 0);
            Path dir = tmp.resolve("node");
            String[] args = {"run", "--coordinator", network.leaseApi(), "--coordinator-key",
                    network.coordinator().publicKey().fingerprint(), "--coordinator-api", RealNetwork.restApiUrl(web),
                    "--kafka", network.bootstrapServers(), "--share", "1MB/s", "--data-dir", dir.toString(),
                    "--allow-egress", "127.0.0.1/32", "--origin", RealNetwork.ORIGIN, "--progress-seconds", "1",
                    "--topic-prefix", "st"};
            CompletableFuture<Run> running = CompletableFuture.supplyAsync(() -> run(args));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(dir.resolve(NodeDataDir.PORT)) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Ed25519KeyPair key = Ed25519KeyPair.loadOrCreate(dir.resolve(NodeDataDir.KEY));
            String id = key.publicKey().fingerprint();
            network.sendPageForUnknownLease(key, site.url("/forged"));
            while (System.nanoTime() < deadline && !credited(network, id, 2)) {
                Thread.sleep(100);
            }
            assertThat(credited(network, id, 2)).as("/a and /b credited, one refusal").isTrue();

            Run status = run("status", "--data-dir", dir.toString());
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).contains("Gleaner node " + id + " (running)")
                    .containsPattern("credits +2 pages, 24 B \\(coordinator, as of ")
                    .containsPattern("G102 +1 +no lease with this id was issued");
            Run json = run("status", "--data-dir", dir.toString(), "--json");
            assertThat(json.out()).contains("\"state\":\"ok\"").contains("\"creditedPages\":2").contains("\"G102\"");
            Run url = run("status", "--data-dir", dir.toString(), "--url");
            assertThat(url.out().trim()).matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[0-9a-f]{64}");

            site.release();
            Run done = running.get(90, TimeUnit.SECONDS);
            assertThat(done.exit()).as(done.err()).isZero();
        }
    }

    private static boolean credited(RealNetwork network, String id, long pages) {
        NodeCredits c = network.coordinator().credits().stream().filter(n -> n.nodeId().equals(id)).findFirst().orElse(null);
        return c != null && c.pages() >= pages && !c.refusals().isEmpty();
    }
}
