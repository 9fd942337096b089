package org.gleaner.bench.builder;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.gleaner.builder.build.BuildLimits;
import org.gleaner.builder.build.BuildResult;
import org.gleaner.builder.build.DatasetBuilder;
import org.gleaner.builder.build.DatasetBuilderConfig;
import org.gleaner.builder.ingest.PageSource;
import org.gleaner.builder.ingest.SourceRecord;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.Header;
import org.gleaner.protocol.page.PageReceipt;
import org.gleaner.protocol.page.SiteSignals;
import org.jsoup.Jsoup;

/**
 * Documents per second through the whole dataset builder ({@link DatasetBuilder#build(PageSource, BuildLimits)}:
 * record decoding, receipt signature and body-hash checks, site signals, main-text extraction, personal-data
 * detection and redaction, language, quality signals and flags, URL / exact / near dedup, Parquet, manifest
 * and card) over a directory of HTML pages, beside a bare jsoup parse of the same pages in the same run.
 * Each page becomes a signed {@link FetchedPage} record (as a node would publish it) held in memory before
 * timing, served in batches of 500 (Kafka's default poll size), so neither disk nor broker is measured.
 *
 * <p>Corpus: Debian's {@code openjdk-17-doc} ({@code apt-get install -y openjdk-17-doc}), about 10,000 pages
 * under {@code /usr/share/doc/openjdk-17-doc/api}. Arguments: {@code [DIR] [WORKERS] [ROUNDS]}; workers
 * default to the number of cores, rounds to 3 (the median is printed). The versions written are deleted at the
 * end unless {@code -Dgleaner.bench.keep=true}. Run: see docs/datasets.md.
 */
public final class BuilderThroughput {
    static final String ORIGIN = "gleaner.bench/builder";
    private static final int BATCH = 500;
    /** The build's idle limit counts the time spent on a batch: generous, so a loaded machine does not stop it. */
    private static final Duration IDLE = Duration.ofMinutes(30);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/doc/openjdk-17-doc/api");
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!Files.isDirectory(dir)) {
            System.err.println("no corpus at " + dir + ": install it with 'apt-get install -y openjdk-17-doc' "
                    + "or pass a directory of .html files");
            System.exit(2);
        }
        List<byte[]> pages = readPages(dir);
        long bytes = pages.stream().mapToLong(b -> b.length).sum();
        System.out.printf("pages: %d (%.1f MiB) from %s; %d builder workers, %d cores, max heap %d MiB%n",
                pages.size(), bytes / 1048576.0, dir, workers, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        List<SourceRecord> records = signedRecords(pages);

        // Warm-up, so the JIT has compiled both paths before they are timed.
        int warm = Math.min(1_000, pages.size());
        jsoupParse(pages.subList(0, warm));
        Path out = Files.createTempDirectory("gleaner-bench");
        build(out, "warmup", records.subList(0, warm), workers);

        double[] jsoupRates = new double[rounds];
        double[] docRates = new double[rounds];
        double[] jsoupCpuRates = new double[rounds];
        double[] builderCpuRates = new double[rounds];
        double[] rowRates = new double[rounds];
        long[] peaks = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            long c0 = processCpuNanos();
            long elements = jsoupParse(pages);
            double jsoupSeconds = (System.nanoTime() - t0) / 1e9;
            jsoupRates[r] = pages.size() / jsoupSeconds;
            jsoupCpuRates[r] = pages.size() / ((processCpuNanos() - c0) / 1e9);

            System.gc();
            long baseline = heapUsed();
            resetPeaks();
            long t1 = System.nanoTime();
            long c1 = processCpuNanos();
            BuildResult result = build(out, "round" + r, records, workers);
            if (result.recordsRead() != records.size()) {
                throw new IllegalStateException("the build stopped early (" + result.stopReason() + ") after "
                        + result.recordsRead() + " of " + records.size() + " records");
            }
            double seconds = (System.nanoTime() - t1) / 1e9;
            builderCpuRates[r] = pages.size() / ((processCpuNanos() - c1) / 1e9);
            docRates[r] = pages.size() / seconds;
            rowRates[r] = result.rows() / seconds;
            peaks[r] = peakHeap();
            System.out.printf("round %d: bare jsoup %.1f docs/s (%d elements); builder %.1f docs/s, %d rows "
                            + "(%.1f rows/s), %.1f MiB Parquet, ratio %.3f; skipped %s; peak heap %d MiB "
                            + "(%d MiB held before the build)%n",
                    r + 1, jsoupRates[r], elements, docRates[r], result.rows(), rowRates[r],
                    result.bytes() / 1048576.0, docRates[r] / jsoupRates[r], result.skipped(), peaks[r] >> 20,
                    baseline >> 20);
            System.out.printf("         per CPU-second of the process: bare jsoup %.1f docs, builder %.1f docs (ratio %.3f)%n",
                    jsoupCpuRates[r], builderCpuRates[r], builderCpuRates[r] / jsoupCpuRates[r]);
        }
        System.out.printf("median of %d: bare jsoup %.1f docs/s; builder %.1f docs/s, %.1f rows/s; ratio %.3f; "
                        + "peak heap %d MiB; per CPU-second: jsoup %.1f, builder %.1f docs%n",
                rounds, median(jsoupRates), median(docRates), median(rowRates),
                median(docRates) / median(jsoupRates), (long) median(Arrays.stream(peaks).asDoubleStream().toArray()) >> 20,
                median(jsoupCpuRates), median(builderCpuRates));
        if (Boolean.getBoolean("gleaner.bench.keep")) {
            System.out.println("output kept in " + out);
        } else {
            deleteRecursively(out);
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static List<byte[]> readPages(Path dir) throws Exception {
        List<byte[]> pages = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                pages.add(Files.readAllBytes(p));
            }
        }
        return pages;
    }

    /** Each page as a node publishes it: a receipt signed for the bench's network origin, then the body. */
    static List<SourceRecord> signedRecords(List<byte[]> pages) {
        Ed25519KeyPair node = Ed25519KeyPair.generate();
        SecureRandom random = new SecureRandom();
        List<SourceRecord> records = new ArrayList<>(pages.size());
        for (int i = 0; i < pages.size(); i++) {
            byte[] body = pages.get(i);
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            String url = "https://docs.bench.test/page/" + i + ".html";
            PageReceipt receipt = new PageReceipt(Bytes.of(node.publicKey().bytes()), "bench-lease", url, url, 200,
                    1_763_800_000_000L + i, Bytes.sha256(body), body.length, Bytes.of(nonce));
            String type = "text/html; charset=utf-8";
            FetchedPage page = new FetchedPage(Signed.sign(receipt, ORIGIN, node), type,
                    List.of(new Header("content-type", type)), Bytes.of(body), SiteSignals.NONE);
            records.add(new SourceRecord("pages", 0, i, null, page.encode().toArray()));
        }
        return records;
    }

    private static long jsoupParse(List<byte[]> pages) throws Exception {
        long elements = 0;
        for (byte[] page : pages) {
            elements += Jsoup.parse(new ByteArrayInputStream(page), null, "").getAllElements().size();
        }
        return elements;
    }

    private static BuildResult build(Path out, String version, List<SourceRecord> records, int workers)
            throws Exception {
        DatasetBuilderConfig config = DatasetBuilderConfig.of(out, "bench", version).withNetworkOrigin(ORIGIN);
        try (PageSource source = new InMemorySource(records)) {
            return new DatasetBuilder(config).withWorkers(workers)
                    .build(source, BuildLimits.untilCaughtUp(IDLE));
        }
    }

    /** CPU time of the whole process (all threads, GC and JIT included): robust to other load on the machine. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peaks since the last reset: an upper bound of the peak heap. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The records in batches of {@value #BATCH}, then caught up. */
    private static final class InMemorySource implements PageSource {
        private final Deque<List<SourceRecord>> batches = new ArrayDeque<>();

        InMemorySource(List<SourceRecord> records) {
            for (int i = 0; i < records.size(); i += BATCH) {
                batches.add(records.subList(i, Math.min(records.size(), i + BATCH)));
            }
        }

        @Override
        public List<SourceRecord> poll(Duration timeout) {
            List<SourceRecord> next = batches.poll();
            return next == null ? List.of() : next;
        }

        @Override
        public boolean caughtUp() {
            return batches.isEmpty();
        }

        @Override
        public void commit() {
        }

        @Override
        public void close() {
        }
    }
}
