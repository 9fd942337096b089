package org.gleaner.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.gleaner.ledger.state.LedgerPolicy;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.merkle.MerkleHash;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a child JVM with SIGKILL while it appends, and checks every acknowledged entry survived, in order. */
class CrashRecoveryIT {
    private static final String ORIGIN = "crash.test.gleaner/consent";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEntrySurvivesKillDashNine() throws Exception {
        Ed25519KeyPair logKey = Ed25519KeyPair.generate();
        String seed = HexFormat.of().formatHex(logKey.exportSeed());
        Map<Long, String> acknowledged = new LinkedHashMap<>();
        for (int round = 0; round < 3; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), AppendingChild.class.getName(),
                    dir.toString(), ORIGIN, seed)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            int target = acknowledged.size() + 300;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String ready = out.readLine();
                assertThat(ready).isEqualTo("READY " + acknowledged.size());
                String line;
                while ((line = out.readLine()) != null) {
                    String[] parts = line.split(" ");
                    assertThat(parts[0]).isEqualTo("ACK");
                    acknowledged.put(Long.parseLong(parts[1]), parts[2]);
                    if (acknowledged.size() >= target) {
                        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flush
                        break;
                    }
                }
            }
            child.waitFor();
            assertThat(child.exitValue()).isEqualTo(137);

            LedgerPolicy policy = new LedgerPolicy(ORIGIN, Set.of(), Set.of(), Duration.ofMinutes(5));
            try (LedgerLog log = LedgerLog.open(dir, policy, NoteSigner.of(ORIGIN, logKey))) {
                assertThat(log.size()).isGreaterThanOrEqualTo(acknowledged.size());
                for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
                    assertThat(HexFormat.of().formatHex(MerkleHash.leafHash(log.entry(ack.getKey()))))
                            .as("entry %d", ack.getKey()).isEqualTo(ack.getValue());
                }
                // Entries written but not yet acknowledged when the kill came may be there too; keep them as known.
                for (long i = 0; i < log.size(); i++) {
                    acknowledged.putIfAbsent(i, HexFormat.of().formatHex(MerkleHash.leafHash(log.entry(i))));
                }
                assertThat(acknowledged.keySet()).containsExactlyInAnyOrderElementsOf(
                        java.util.stream.LongStream.range(0, log.size()).boxed().toList());
            }
        }
    }
}
