package org.gleaner.bench.builder;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gleaner.builder.dedup.DedupKeys;
import org.gleaner.builder.dedup.ExactDuplicates;
import org.gleaner.builder.dedup.NearDuplicates;
import org.gleaner.builder.extract.ExtractedText;
import org.gleaner.builder.extract.ExtractionException;
import org.gleaner.builder.extract.MainTextExtractor;
import org.gleaner.builder.ingest.SourceRecord;
import org.gleaner.builder.language.LanguageIdentifier;
import org.gleaner.builder.parquet.ParquetDatasetWriter;
import org.gleaner.builder.pii.PersonalDataFilter;
import org.gleaner.builder.pii.PrivacySettings;
import org.gleaner.builder.quality.QualityMeter;
import org.gleaner.builder.quality.QualityPolicy;
import org.gleaner.builder.quality.QualitySignals;
import org.gleaner.builder.convert.PageConversion;
import org.gleaner.builder.convert.PageToRow;
import org.gleaner.builder.row.DatasetRow;
import org.gleaner.protocol.crypto.ValidatedKeys;
import org.gleaner.protocol.page.FetchedPage;
import org.jsoup.Jsoup;

/**
 * CPU time per stage of the builder, per page, beside a bare jsoup parse of the same pages: where
 * {@link BuilderThroughput}'s time goes. Each stage runs as its own pass over all pages on one thread (after a
 * warm-up pass of every stage), timed with the CPU time of the whole process, so garbage collection and the
 * threads a stage hands work to (lingua's fork-join tasks) count for it. The stages are the builder's own
 * classes with its default settings, in the builder's order; Parquet writes the rows the builder would write
 * (before dedup). Arguments: {@code [DIR]} (default: the openjdk-17-doc pages). Run: see docs/datasets.md.
 */
public final class BuilderStageCpu {
    private static final String TYPE = "text/html; charset=utf-8";

    private BuilderStageCpu() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/doc/openjdk-17-doc/api");
        if (!Files.isDirectory(dir)) {
            System.err.println("no corpus at " + dir + ": install it with 'apt-get install -y openjdk-17-doc' "
                    + "or pass a directory of .html files");
            System.exit(2);
        }
        List<byte[]> pages = BuilderThroughput.readPages(dir);
        List<SourceRecord> records = BuilderThroughput.signedRecords(pages);
        System.out.printf("pages: %d from %s; one thread per stage%n", pages.size(), dir);
        Stages warm = new Stages(pages.subList(0, Math.min(1_000, pages.size())),
                records.subList(0, Math.min(1_000, records.size())));
        warm.run();
        Stages stages = new Stages(pages, records);
        Map<String, Long> cpu = stages.run();
        long parse = cpu.remove("bare jsoup parse (reference)");
        long total = cpu.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("%-34s %9s %8s %10s%n", "stage", "ms/page", "share", "× parse");
        for (Map.Entry<String, Long> e : cpu.entrySet()) {
            System.out.printf("%-34s %9.3f %7.1f%% %10.2f%n", e.getKey(), e.getValue() / 1e6 / pages.size(),
                    100.0 * e.getValue() / total, e.getValue() / (double) parse);
        }
        System.out.printf("%-34s %9.3f %7s %10.2f%n", "all stages", total / 1e6 / pages.size(), "100%",
                total / (double) parse);
        System.out.printf("%-34s %9.3f%n", "bare jsoup parse (reference)", parse / 1e6 / pages.size());
        System.out.printf("rows before dedup: %d%n", stages.rows.size());
    }

    /** The passes, each keeping what the next one reads. */
    private static final class Stages {
        private final List<byte[]> pages;
        private final List<SourceRecord> records;
        private final List<FetchedPage> decoded = new ArrayList<>();
        private final List<ExtractedText> extracted = new ArrayList<>();
        private final List<String> texts = new ArrayList<>();
        private final List<DedupKeys> keys = new ArrayList<>();
        private final List<DatasetRow> rows = new ArrayList<>();
        private final MainTextExtractor extractor = new MainTextExtractor();
        private final PersonalDataFilter personalData = new PersonalDataFilter(PrivacySettings.DEFAULTS);
        private final LanguageIdentifier language = LanguageIdentifier.defaults();
        private final QualityPolicy quality = QualityPolicy.defaults();
        private long sink;

        Stages(List<byte[]> pages, List<SourceRecord> records) {
            this.pages = pages;
            this.records = records;
        }

        Map<String, Long> run() throws Exception {
            Map<String, Long> cpu = new LinkedHashMap<>();
            cpu.put("bare jsoup parse (reference)", time(this::bareParse));
            cpu.put("decode record", time(this::decode));
            cpu.put("receipt signature", time(this::signatures));
            cpu.put("body hash", time(this::bodyHashes));
            cpu.put("extraction (charset, parse, text)", time(this::extract));
            cpu.put("personal data", time(this::personalData));
            cpu.put("dedup keys (normalize, MinHash)", time(this::dedupKeys));
            cpu.put("dedup index", time(this::dedupIndex));
            cpu.put("language", time(this::language));
            cpu.put("quality signals and policy", time(this::quality));
            rowsForParquet();
            cpu.put("Parquet (zstd)", time(this::parquet));
            if (sink == 42) {
                System.out.println();
            }
            return cpu;
        }

        private interface Pass {
            void run() throws Exception;
        }

        private static long time(Pass pass) throws Exception {
            System.gc();
            long c0 = BuilderThroughput.processCpuNanos();
            pass.run();
            return BuilderThroughput.processCpuNanos() - c0;
        }

        private void bareParse() throws Exception {
            for (byte[] page : pages) {
                sink += Jsoup.parse(new ByteArrayInputStream(page), null, "").getAllElements().size();
            }
        }

        private void decode() throws Exception {
            decoded.clear();
            for (SourceRecord r : records) {
                decoded.add(FetchedPage.decode(r.value()));
            }
        }

        private void signatures() throws Exception {
            for (FetchedPage p : decoded) {
                if (!p.receipt().verifies(BuilderThroughput.ORIGIN, ValidatedKeys.SHARED.get(p.receipt().record().nodeKey()))) {
                    throw new IllegalStateException("bad signature");
                }
            }
        }

        private void bodyHashes() {
            for (FetchedPage p : decoded) {
                sink += p.bodyMatchesReceipt() ? 1 : 0;
            }
        }

        private void extract() {
            extracted.clear();
            for (FetchedPage p : decoded) {
                try {
                    ExtractedText e = extractor.extract(p.body().toArray(), TYPE, p.receipt().record().finalUrl());
                    if (!e.text().isBlank()) {
                        extracted.add(e);
                    }
                } catch (ExtractionException e) {
                    sink++;
                }
            }
        }

        private void personalData() {
            texts.clear();
            for (ExtractedText e : extracted) {
                texts.add(personalData.filter(java.util.Arrays.asList(e.text(), e.title())).texts().get(0));
            }
        }

        private void dedupKeys() {
            keys.clear();
            for (String t : texts) {
                keys.add(DedupKeys.of(t));
            }
        }

        private void dedupIndex() {
            ExactDuplicates exact = new ExactDuplicates();
            NearDuplicates near = new NearDuplicates();
            for (int i = 0; i < keys.size(); i++) {
                if (exact.firstSeen(keys.get(i).exact())) {
                    sink += near.duplicateOf("d" + i, keys.get(i).minHash()).isPresent() ? 1 : 0;
                }
            }
        }

        private void language() {
            for (String t : texts) {
                sink += language.identify(t).code().length();
            }
        }

        private void quality() {
            for (String t : texts) {
                QualitySignals s = QualityMeter.measure(t);
                sink += quality.failures(s, "en").size();
            }
        }

        /** Untimed: the rows as the builder makes them, for the Parquet pass. */
        private void rowsForParquet() {
            rows.clear();
            PageToRow converter = new PageToRow(extractor).withLanguage(language);
            for (FetchedPage p : decoded) {
                if (converter.convert(p) instanceof PageConversion.Converted c) {
                    rows.add(c.row());
                }
            }
        }

        private void parquet() throws Exception {
            Path dir = Files.createTempDirectory("gleaner-stage-bench");
            Path file = dir.resolve("rows.parquet");
            try {
                sink += new ParquetDatasetWriter().write(file, rows).rows();
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        }
    }
}
