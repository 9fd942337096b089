package org.gleaner.bench.builder;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gleaner.builder.dedup.ExactDuplicates;
import org.gleaner.builder.dedup.MinHasher;
import org.gleaner.builder.dedup.NearDuplicates;
import org.gleaner.builder.extract.ExtractedText;
import org.gleaner.builder.extract.ExtractionException;
import org.gleaner.builder.extract.MainTextExtractor;
import org.gleaner.builder.language.LanguageIdentifier;
import org.gleaner.builder.language.LanguageSettings;
import org.gleaner.builder.language.LinguaLanguageIdentifier;
import org.gleaner.builder.parquet.ParquetDatasetWriter;
import org.gleaner.builder.parquet.PendingParquetFile;
import org.gleaner.builder.parquet.WrittenFile;
import org.gleaner.builder.pii.PiiCounts;
import org.gleaner.builder.quality.QualityMeter;
import org.gleaner.builder.quality.QualitySignals;
import org.gleaner.builder.quality.QualityThresholds;
import org.gleaner.builder.row.DatasetRow;
import org.jsoup.Jsoup;

/**
 * Documents per second through the builder's per-page stages (main-text extraction, language, quality
 * signals, exact and near-duplicate dedup, Parquet writing) on a directory of HTML pages, beside a bare
 * jsoup parse of the same pages in the same run, on one thread. Not included yet: receipt signature checks
 * and PII/consent (not built yet). Pages are read into memory first, so disk speed is not measured.
 *
 * <p>Run: see docs/datasets.md. Arguments: {@code [DIR] [OUT_DIR]}; DIR defaults to Debian's openjdk-17-doc.
 */
public final class BuilderThroughput {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/doc/openjdk-17-doc/api");
        Path out = Files.createTempDirectory(args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir")), "gleaner-bench");
        List<byte[]> pages = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                pages.add(Files.readAllBytes(p));
            }
        }
        long bytes = pages.stream().mapToLong(b -> b.length).sum();
        System.out.printf("pages: %d (%.1f MiB) from %s%n", pages.size(), bytes / 1048576.0, dir);

        // Warm-up on a slice, so the JIT has compiled both paths before they are timed.
        int warm = Math.min(500, pages.size());
        for (int i = 0; i < warm; i++) {
            Jsoup.parse(new ByteArrayInputStream(pages.get(i)), null, "");
        }

        long t0 = System.nanoTime();
        long nodes = 0;
        for (byte[] page : pages) {
            nodes += Jsoup.parse(new ByteArrayInputStream(page), null, "").getAllElements().size();
        }
        double jsoupSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("bare jsoup parse: %.1f docs/s (%.1f s, %d elements)%n", pages.size() / jsoupSeconds,
                jsoupSeconds, nodes);

        LanguageIdentifier language = new LinguaLanguageIdentifier(LanguageSettings.defaults());
        language.identify("warm up the language models with an English sentence, please.");
        MainTextExtractor extractor = new MainTextExtractor();
        QualityThresholds thresholds = QualityThresholds.defaults();
        ExactDuplicates exact = new ExactDuplicates();
        NearDuplicates near = new NearDuplicates();
        long skipped = 0;
        long duplicates = 0;
        long[] stage = new long[5];
        long t1 = System.nanoTime();
        WrittenFile written;
        try (PendingParquetFile file = new ParquetDatasetWriter().open(out.resolve("bench/v1/part-00000.parquet"))) {
            for (int i = 0; i < pages.size(); i++) {
                ExtractedText text;
                long s0 = System.nanoTime();
                try {
                    text = extractor.extract(pages.get(i), "text/html", "");
                    stage[0] += System.nanoTime() - s0;
                } catch (ExtractionException e) {
                    skipped++;
                    continue;
                }
                if (text.text().isBlank()) {
                    skipped++;
                    continue;
                }
                long s1 = System.nanoTime();
                LanguageIdentifier.Identified lang = language.identify(text.text());
                long s2 = System.nanoTime();
                QualitySignals quality = QualityMeter.measure(text.text());
                long s3 = System.nanoTime();
                String id = "%064x".formatted(i);
                boolean duplicate = !exact.firstSeen(text.text())
                        || near.duplicateOf(id, MinHasher.signature(text.text())).isPresent();
                long s4 = System.nanoTime();
                stage[1] += s2 - s1;
                stage[2] += s3 - s2;
                stage[3] += s4 - s3;
                if (duplicate) {
                    duplicates++;
                    continue;
                }
                file.write(new DatasetRow(id, text.text(), "https://bench.test/" + i, "bench.test", text.title(),
                        lang.code(), lang.score(), Instant.EPOCH, id, text.text().split("\\s+").length, PiiCounts.NONE,
                        List.of(), null, id, "lease", "%0128x".formatted(i), "https://bench.test/" + i, 200,
                        pages.get(i).length, "%032x".formatted(i), thresholds.failures(quality, lang.code()),
                        quality));
                stage[4] += System.nanoTime() - s4;
                if ((i + 1) % 2000 == 0) {
                    System.err.printf("  %d/%d%n", i + 1, pages.size());
                }
            }
            written = file.publish();
        }
        double pipelineSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("builder stages:   %.1f docs/s (%.1f s); %d rows written (%.1f rows/s), %d duplicates, "
                        + "%d skipped; Parquet %.1f MiB%n",
                pages.size() / pipelineSeconds, pipelineSeconds, written.rows(), written.rows() / pipelineSeconds,
                duplicates, skipped, written.bytes() / 1048576.0);
        System.out.printf("ratio to bare jsoup: %.2f%n", jsoupSeconds / pipelineSeconds);
        String[] names = {"extract", "language", "quality", "dedup", "parquet write"};
        for (int k = 0; k < names.length; k++) {
            System.out.printf("  %-14s %7.2f ms/doc%n", names[k], stage[k] / 1e6 / pages.size());
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("peak heap (sum of pool peaks, includes the %.0f MiB of pages held in memory): %.0f MiB%n",
                bytes / 1048576.0, peak / 1048576.0);
    }
}
