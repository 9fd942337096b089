package org.gleaner.bench.builder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.gleaner.builder.extract.CharsetDetector;
import org.gleaner.builder.extract.ExtractionException;
import org.gleaner.builder.extract.MainTextExtractor;
import org.jsoup.Jsoup;

/**
 * CPU time per page of {@link MainTextExtractor} beside a bare jsoup parse of the same pages (charset
 * detection included in both), measured as this thread's CPU time so that other work on the machine
 * distorts it less than wall time. Default pages: the JDK's API documentation (Debian's openjdk-17-doc).
 *
 * <p>Run: {@code java -cp ... org.gleaner.bench.builder.ExtractionSpeed [dir] [max-pages] [rounds]}.
 */
public final class ExtractionSpeed {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/doc/openjdk-17-doc/api");
        int maxPages = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<byte[]> pages = load(dir, maxPages);
        long bytes = pages.stream().mapToLong(p -> p.length).sum();
        System.out.printf("%d pages, %.1f MiB, from %s%n", pages.size(), bytes / 1048576.0, dir);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MainTextExtractor extractor = new MainTextExtractor();
        double[] jsoupMs = new double[rounds];
        double[] extractMs = new double[rounds];
        long sink = 0;
        for (int r = -1; r < rounds; r++) { // round -1 warms the JIT
            long c0 = threads.getCurrentThreadCpuTime();
            for (byte[] page : pages) {
                sink += Jsoup.parse(CharsetDetector.decode(page, "text/html"), "").childNodeSize();
            }
            long c1 = threads.getCurrentThreadCpuTime();
            for (byte[] page : pages) {
                try {
                    sink += extractor.extract(page, "text/html", "").text().length();
                } catch (ExtractionException e) {
                    sink++;
                }
            }
            long c2 = threads.getCurrentThreadCpuTime();
            if (r >= 0) {
                jsoupMs[r] = (c1 - c0) / 1e6 / pages.size();
                extractMs[r] = (c2 - c1) / 1e6 / pages.size();
                System.out.printf("round %d: bare jsoup %.3f CPU-ms/page, MainTextExtractor %.3f CPU-ms/page%n", r + 1,
                        jsoupMs[r], extractMs[r]);
                System.err.printf("round %d of %d done%n", r + 1, rounds);
            }
        }
        double jsoup = median(jsoupMs);
        double extract = median(extractMs);
        System.out.printf("median of %d: bare jsoup %.3f CPU-ms/page, MainTextExtractor %.3f CPU-ms/page "
                + "(%.2f times a bare parse; extraction alone %.3f) [%d]%n", rounds, jsoup, extract, extract / jsoup,
                extract - jsoup, sink % 10);
    }

    private static List<byte[]> load(Path dir, int maxPages) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(p -> p.toString().endsWith(".html")).sorted().limit(maxPages).toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .html files under " + dir);
        }
        List<byte[]> pages = new ArrayList<>();
        for (Path f : files) {
            pages.add(Files.readAllBytes(f));
        }
        return pages;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
