package org.gleaner.bench.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.ledger.log.AppendReceipt;
import org.gleaner.ledger.log.LedgerLog;
import org.gleaner.ledger.log.Sequencer;
import org.gleaner.ledger.state.LedgerPolicy;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.ledger.IdentifierBinding;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.gleaner.protocol.codec.SigningMessage;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.KeyRegistration;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.merkle.MerkleHash;
import org.gleaner.protocol.merkle.MerkleTree;
import org.gleaner.protocol.note.NoteSigner;

/**
 * The consent ledger's speed, in one run:
 * <ol>
 * <li>the raw Bouncy Castle Ed25519 verification rate on every core (the physical limit here);</li>
 * <li>sustained appends per second through the real sequencer (strict verification on the submitting
 *     threads, state checks, group-committed fsync'd storage, Merkle tree), as a share of (1): first
 *     registrations, each from a new key (the worst case: every author key needs its full validation),
 *     then identity bindings, all from the verifier key (validated once);</li>
 * <li>restart time: from the state snapshot (only the entries after it are replayed) and, the snapshot
 *     deleted, the full replay that verifies every entry again;</li>
 * <li>inclusion and consistency proof generation latency (p50, p99, max) in a tree of 1,000,000 entries.</li>
 * </ol>
 * Besides wall-clock rates it reports CPU time per operation for the whole process: on a machine shared
 * with other work the wall-clock ratio mostly measures how the scheduler shared the cores between phases,
 * while the CPU-time ratio is what the ledger itself costs per entry compared with a raw verification.
 * Arguments: {@code [entries=100000] [proofTreeSize=1000000] [dataDir=a temporary directory]}.
 */
public final class LedgerBench {
    private static final String ORIGIN = "bench.gleaner/ledger";

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int proofTreeSize = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("ledger-bench");
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("cores %d, entries %,d, proof tree %,d, data %s%n", cores, entries, proofTreeSize, dir);

        System.out.println("signing entries...");
        List<Signed<LedgerEntry>> signed = signEntries(entries, cores);

        double rawRate = rawVerifyRate(signed, cores, Duration.ofSeconds(10));
        double rawCpu = lastCpuMicrosPerOp;
        System.out.printf("raw Bouncy Castle Ed25519 verify: %,.0f /s on %d threads, %.1f µs of CPU each%n", rawRate, cores, rawCpu);

        Ed25519KeyPair verifierKey = Ed25519KeyPair.generate();
        List<Signed<LedgerEntry>> bindings = bindings(signed, verifierKey);
        LedgerPolicy policy = new LedgerPolicy(ORIGIN, Set.of(Bytes.of(verifierKey.publicKey().bytes())), Set.of(),
                Duration.ofHours(1));
        Ed25519KeyPair logKey = Ed25519KeyPair.generate();
        try (LedgerLog log = LedgerLog.open(dir.resolve("log"), policy, NoteSigner.of(ORIGIN, logKey));
             Sequencer sequencer = new Sequencer(log, Clock.systemUTC(), 10_000, Duration.ofSeconds(1), 1 << 16)) {
            double registrations = appendRate(sequencer, signed, cores);
            System.out.printf("sequenced appends, every entry from a new key (registrations): %,.0f /s (%.0f%% of raw verify), "
                    + "%.1f µs of CPU each (%.0f%% of raw verify by CPU time)%n",
                    registrations, 100 * registrations / rawRate, lastCpuMicrosPerOp, 100 * rawCpu / lastCpuMicrosPerOp);
            double bound = appendRate(sequencer, bindings, cores);
            System.out.printf("sequenced appends, one frequent author (identity bindings): %,.0f /s (%.0f%% of raw verify), "
                    + "%.1f µs of CPU each (%.0f%% of raw verify by CPU time)%n",
                    bound, 100 * bound / rawRate, lastCpuMicrosPerOp, 100 * rawCpu / lastCpuMicrosPerOp);
            System.out.printf("  log: %,d entries, %,d bytes on disk%n", log.size(), Files.size(dir.resolve("log/entries.log")));
            sequencer.checkpointNow();
        }
        restartTimes(dir.resolve("log"), policy, NoteSigner.of(ORIGIN, logKey));
        // Measured again after the appends: on a shared machine the two figures show how much the load moved.
        double rawAfter = rawVerifyRate(signed, cores, Duration.ofSeconds(10));
        System.out.printf("raw Bouncy Castle Ed25519 verify, measured again: %,.0f /s (before: %,.0f /s), %.1f µs of CPU each%n",
                rawAfter, rawRate, lastCpuMicrosPerOp);

        proofLatencies(proofTreeSize);
    }

    /** Start-up from the state snapshot (only the tail replayed), then the same log replayed in full. */
    private static void restartTimes(Path logDir, LedgerPolicy policy, NoteSigner signer) throws Exception {
        long t0 = System.nanoTime();
        long size;
        long replayed;
        try (LedgerLog log = LedgerLog.open(logDir, policy, signer)) {
            size = log.size();
            replayed = log.replayedOnOpen();
        }
        double fromSnapshot = (System.nanoTime() - t0) / 1e9;
        Files.delete(logDir.resolve("state.snapshot"));
        long t1 = System.nanoTime();
        try (LedgerLog log = LedgerLog.open(logDir, policy, signer)) {
            if (log.size() != size || log.replayedOnOpen() != size) {
                throw new IllegalStateException("the full replay read " + log.replayedOnOpen() + " of " + size);
            }
        }
        double full = (System.nanoTime() - t1) / 1e9;
        System.out.printf("restart at %,d entries: from the snapshot %.2f s (%,d entries replayed), full replay %.2f s%n",
                size, fromSnapshot, replayed, full);
    }

    private static List<Signed<LedgerEntry>> signEntries(int n, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Signed<LedgerEntry>>>> parts = new ArrayList<>();
        int per = (n + threads - 1) / threads;
        long now = System.currentTimeMillis();
        for (int t = 0; t < threads; t++) {
            int count = Math.min(per, n - t * per);
            parts.add(pool.submit(() -> {
                List<Signed<LedgerEntry>> out = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    out.add(new EntrySigner(Ed25519KeyPair.generate(), ORIGIN).sign(new KeyRegistration(), now));
                }
                return out;
            }));
        }
        List<Signed<LedgerEntry>> all = new ArrayList<>(n);
        for (Future<List<Signed<LedgerEntry>>> part : parts) {
            all.addAll(part.get());
        }
        pool.shutdown();
        return all;
    }

    /** Plain {@code Ed25519.verify} of Bouncy Castle over the very messages the ledger verifies, on every core. */
    /** CPU time of the whole process (every thread, GC and JIT included), in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double lastCpuMicrosPerOp;

    private static double rawVerifyRate(List<Signed<LedgerEntry>> signed, int threads, Duration duration) throws Exception {
        int sample = Math.min(signed.size(), 20_000);
        byte[][] messages = new byte[sample][];
        byte[][] keys = new byte[sample][];
        byte[][] signatures = new byte[sample][];
        for (int i = 0; i < sample; i++) {
            LedgerEntry entry = signed.get(i).record();
            messages[i] = SigningMessage.of(entry.recordType(), ORIGIN, entry.encode());
            keys[i] = entry.authorKey().toArray();
            signatures[i] = signed.get(i).signature().toArray();
        }
        AtomicLong verified = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long cpuStart = processCpuNanos();
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            running.add(pool.submit(() -> {
                long count = 0;
                for (int i = offset; System.nanoTime() < deadline; i = (i + threads) % sample) {
                    if (!Ed25519.verify(signatures[i], 0, keys[i], 0, messages[i], 0, messages[i].length)) {
                        throw new IllegalStateException("a benchmark signature does not verify");
                    }
                    count++;
                }
                verified.addAndGet(count);
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        lastCpuMicrosPerOp = (processCpuNanos() - cpuStart) / 1e3 / verified.get();
        pool.shutdown();
        return verified.get() / seconds;
    }

    /** One identity binding per registered subject, all signed by the ledger's identity-verifier key. */
    private static List<Signed<LedgerEntry>> bindings(List<Signed<LedgerEntry>> registrations, Ed25519KeyPair verifierKey) {
        EntrySigner verifier = new EntrySigner(verifierKey, ORIGIN);
        long now = System.currentTimeMillis();
        List<Signed<LedgerEntry>> out = new ArrayList<>(registrations.size());
        for (int i = 0; i < registrations.size(); i++) {
            byte[] commitment = MerkleHash.leafHash(java.nio.ByteBuffer.allocate(8).putLong(i).array());
            out.add(verifier.sign(new IdentifierBinding(IdentifierKind.EMAIL, Bytes.of(commitment),
                    registrations.get(i).record().authorKey(), "bench"), now));
        }
        return out;
    }

    private static double appendRate(Sequencer sequencer, List<Signed<LedgerEntry>> signed, int threads) throws Exception {
        LedgerLog log = sequencer.log();
        long before = log.size();
        {
            ExecutorService clients = Executors.newFixedThreadPool(threads);
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                parts.add(clients.submit(() -> {
                    // Each client keeps up to 512 entries in flight (a sliding window), as many concurrent HTTP
                    // callers would: it verifies the next entry while earlier ones wait for their group commit.
                    java.util.ArrayDeque<CompletableFuture<AppendReceipt>> window = new java.util.ArrayDeque<>();
                    long appended = 0;
                    for (int i = offset; i < signed.size(); i += threads) {
                        window.add(sequencer.submit(signed.get(i)));
                        if (window.size() > 512) {
                            window.poll().get();
                            appended++;
                        }
                    }
                    while (!window.isEmpty()) {
                        window.poll().get();
                        appended++;
                    }
                    return appended;
                }));
            }
            long total = 0;
            for (Future<Long> part : parts) {
                total += part.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            clients.shutdown();
            if (log.size() - before != signed.size()) {
                throw new IllegalStateException("appended " + (log.size() - before) + " of " + signed.size());
            }
            lastCpuMicrosPerOp = (processCpuNanos() - cpuStart) / 1e3 / total;
            System.out.printf("  %,d entries in %.2f s%n", total, seconds);
            return total / seconds;
        }
    }

    private static void proofLatencies(int size) {
        System.out.printf("building a %,d-leaf tree...%n", size);
        MerkleTree tree = new MerkleTree();
        byte[] leaf = new byte[40];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < size; i++) {
            random.nextBytes(leaf);
            tree.appendLeafHash(MerkleHash.leafHash(leaf));
        }
        int samples = 20_000;
        long[] inclusion = new long[samples];
        long[] consistency = new long[samples];
        long sink = 0;
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            for (int s = 0; s < samples; s++) {
                long index = random.nextLong(size);
                long t0 = System.nanoTime();
                sink += tree.inclusionProof(index, size).size();
                inclusion[s] = System.nanoTime() - t0;
                long older = 1 + random.nextLong(size - 1);
                long t1 = System.nanoTime();
                sink += tree.consistencyProof(older, size).size();
                consistency[s] = System.nanoTime() - t1;
            }
        }
        report("inclusion proof", inclusion, size);
        report("consistency proof", consistency, size);
        if (sink == 42) {
            System.out.println();
        }
    }

    private static void report(String what, long[] nanos, int size) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s at %,d entries: p50 %.1f µs, p99 %.1f µs, max %.1f µs%n", what, size,
                sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3, sorted[sorted.length - 1] / 1e3);
    }
}
