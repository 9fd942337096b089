package org.gleaner.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.node.cli.NodeCommandFixture.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.node.TestCoordinatorAccess;
import org.gleaner.node.cli.NodeCommandFixture.HeldPageSite;
import org.gleaner.node.cli.NodeCommandFixture.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gleaner node run} and {@code gleaner node status} as an operator runs them. */
class NodeCommandIT {
    @TempDir
    Path tmp;

    private static final String KEY = "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29";

    @Test
    void refusesBadInputWithAReason() {
        Run badShare = runWith("--share", "fast");
        assertThat(badShare.exit()).isEqualTo(2);
        assertThat(badShare.err()).contains("share must look like 2MB/s");
        Run badKey = runWith("--coordinator-key", "zz");
        assertThat(badKey.exit()).isEqualTo(2);
        assertThat(badKey.err()).contains("64 hex digits");
        Run badCoordinator = runWith("--coordinator", "ftp://x");
        assertThat(badCoordinator.exit()).isEqualTo(2);
        Run badRange = runWith("--allow-egress", "localhost/8");
        assertThat(badRange.exit()).isEqualTo(2);
        Run badApi = runWith("--coordinator-api", "ftp://x");
        assertThat(badApi.exit()).isEqualTo(2);
        assertThat(badApi.err()).contains("--coordinator-api must be http(s) URLs");
        Run badGrace = runWith("--stop-grace-seconds", "999");
        assertThat(badGrace.exit()).isEqualTo(2);
        assertThat(badGrace.err()).contains("--stop-grace-seconds 0-300");
        assertThat(run("run").exit()).isEqualTo(2);
        assertThat(Files.exists(tmp.resolve("d"))).as("nothing created on bad input").isFalse();
    }

    /** {@code node run} with valid options, one of them replaced (or added) by {@code option value}. */
    private Run runWith(String option, String value) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--coordinator", "http://127.0.0.1:1");
        options.put("--coordinator-key", KEY);
        options.put("--kafka", "127.0.0.1:9");
        options.put("--share", "2MB/s");
        options.put("--data-dir", tmp.resolve("d").toString());
        options.put(option, value);
        List<String> args = new ArrayList<>(List.of("run"));
        options.forEach((name, v) -> args.addAll(List.of(name, v)));
        return run(args.toArray(String[]::new));
    }

    @Test
    void statusWithoutARunningNodeSaysSo() {
        Run status = run("status", "--data-dir", tmp.toString());
        assertThat(status.exit()).isNotZero();
    }

    @Test
    void runsCreatesAnOwnerOnlyKeyShowsStatusAndKeepsItsIdentity() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(tmp.resolve("kafka")).build();
                HeldPageSite site = new HeldPageSite("/page");
                TestCoordinatorAccess coordinator = new TestCoordinatorAccess()) {
            broker.start();
            broker.createTopic("gleaner.pages", 1, Map.of("max.message.bytes", Integer.toString(18 * 1024 * 1024)));
            broker.createTopic("gleaner.links", 1);
            String host = site.host();
            coordinator.lease(host, List.of(site.url("/first"), site.url("/page")));
            Path dir = tmp.resolve("node");
            String[] args = {"run", "--coordinator", coordinator.url(), "--coordinator-key",
                    HexFormat.of().formatHex(coordinator.publicKey()), "--kafka", broker.bootstrapServers(),
                    "--share", "1MB/s", "--data-dir", dir.toString(), "--allow-egress", "127.0.0.1/32",
                    "--origin", coordinator.origin(), "--progress-seconds", "1"};
            CompletableFuture<Run> first = CompletableFuture.supplyAsync(() -> run(args));
            assertThat(site.awaitRequested(60)).isTrue();

            Run status = run("status", "--data-dir", dir.toString());
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).contains("running").contains("share               1.0 MB/s")
                    .contains("127.0.0.1/32").contains(host);
            site.release();
            Run done = first.get(60, TimeUnit.SECONDS);
            assertThat(done.exit()).as(done.err()).isZero();
            assertThat(done.err()).contains("created identity").contains("[node] pages 2");

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("node.key")))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("status.token")))).isEqualTo("rw-------");
            String id = done.err().replaceAll("(?s).*created identity ([0-9a-f]+).*", "$1");

            Run again = run(args);
            assertThat(again.exit()).isZero();
            assertThat(again.err()).contains("identity " + id).doesNotContain("created identity");
        }
    }
}
