package org.gleaner.bench.builder;

import com.github.pemistahl.lingua.api.Language;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gleaner.builder.language.LanguageIdentifier;
import org.gleaner.builder.language.LanguageIdentifier.Identified;
import org.gleaner.builder.language.LanguageSettings;
import org.gleaner.builder.language.LinguaLanguageIdentifier;
import org.gleaner.builder.language.TableLanguageIdentifier;

/**
 * lingua against the table identifier on the main text of real pages, in one run: agreement (same language,
 * largest score difference, bit-identical scores, and every candidate language's confidence compared with
 * lingua's) and CPU per page. CPU is the calling thread's plus that of
 * the common fork-join pool's workers (lingua hands its scoring to that pool), so neither other load on the
 * shared machine nor wall time counts; the process's CPU (with JIT and GC) is shown beside it. Each identifier
 * runs {@value #ROUNDS} times over all texts, alternating, and the median round is reported. Also: load time
 * and heap of each. Pages: {@code ../shared/testdata/extraction-eval/html} and, when installed,
 * {@code /usr/share/doc/openjdk-17-doc/api}; arguments {@code [DIR...]} to use others.
 *
 * <p>Run: see docs/datasets.md (Language).
 */
public final class LanguageTableComparison {
    private static final int ROUNDS = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        List<Path> dirs = new ArrayList<>();
        if (args.length > 0) {
            for (String a : args) {
                dirs.add(Path.of(a));
            }
        } else {
            dirs.add(TestData.locate().resolve("extraction-eval/html"));
            Path jdk = Path.of("/usr/share/doc/openjdk-17-doc/api");
            if (Files.isDirectory(jdk)) {
                dirs.add(jdk);
            }
        }
        LinguaLanguageIdentifier lingua = loaded("lingua (low accuracy, models preloaded by a first call)",
                () -> warmedUp(new LinguaLanguageIdentifier(LanguageSettings.defaults())));
        TableLanguageIdentifier table = loaded(TableLanguageIdentifier.NAME,
                () -> new TableLanguageIdentifier(LanguageSettings.defaults()));
        System.out.printf("table arrays: %.1f MiB%n", table.tableHeapBytes() / 1048576.0);
        for (Path dir : dirs) {
            compare(dir, ExtractedTexts.of(dir), lingua, table);
        }
    }

    private static <T extends LanguageIdentifier> T warmedUp(T identifier) {
        identifier.identify("a first call loads lingua's models of every candidate language");
        return identifier;
    }

    private static <T> T loaded(String name, Supplier<T> load) {
        long before = usedHeap();
        long cpu = processCpu();
        long wall = System.nanoTime();
        T identifier = load.get();
        long wallMs = (System.nanoTime() - wall) / 1_000_000;
        long cpuMs = (processCpu() - cpu) / 1_000_000;
        long heap = usedHeap() - before;
        System.out.printf("%s: loaded in %d ms wall, %d ms process CPU; heap retained %.1f MiB%n", name, wallMs,
                cpuMs, heap / 1048576.0);
        return identifier;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void compare(Path dir, List<String> texts, LinguaLanguageIdentifier lingua,
            TableLanguageIdentifier table) {
        int n = texts.size();
        for (int i = 0; i < Math.min(300, n); i++) {
            lingua.identify(texts.get(i));
            table.identify(texts.get(i));
        }
        long[][] cpu = new long[2][ROUNDS];
        long[][] processCpu = new long[2][ROUNDS];
        List<Identified> linguaAnswers = null;
        List<Identified> tableAnswers = null;
        for (int round = 0; round < ROUNDS; round++) {
            List<Identified> answers = new ArrayList<>(n);
            long p0 = processCpu();
            long c0 = callerAndPoolCpu();
            for (String t : texts) {
                answers.add(lingua.identify(t));
            }
            cpu[0][round] = callerAndPoolCpu() - c0;
            processCpu[0][round] = processCpu() - p0;
            linguaAnswers = answers;

            answers = new ArrayList<>(n);
            p0 = processCpu();
            c0 = callerAndPoolCpu();
            for (String t : texts) {
                answers.add(table.identify(t));
            }
            cpu[1][round] = callerAndPoolCpu() - c0;
            processCpu[1][round] = processCpu() - p0;
            tableAnswers = answers;
        }
        int sameCode = 0;
        int identicalScore = 0;
        double maxScoreDiff = 0;
        for (int i = 0; i < n; i++) {
            Identified a = linguaAnswers.get(i);
            Identified b = tableAnswers.get(i);
            if (a.code().equals(b.code())) {
                sameCode++;
            }
            if (java.util.Objects.equals(a.score(), b.score())) {
                identicalScore++;
            }
            maxScoreDiff = Math.max(maxScoreDiff, Math.abs(score(a) - score(b)));
        }
        int identicalConfidences = 0;
        double maxConfidenceDiff = 0;
        for (String t : texts) {
            Map<Language, Double> expected = lingua.confidenceValues(t);
            Map<Language, Double> actual = table.confidenceValues(t);
            if (expected.equals(actual)) {
                identicalConfidences++;
            } else if (!expected.keySet().equals(actual.keySet())) {
                maxConfidenceDiff = Double.POSITIVE_INFINITY;
            } else {
                for (Language language : expected.keySet()) {
                    maxConfidenceDiff = Math.max(maxConfidenceDiff,
                            Math.abs(expected.get(language) - actual.get(language)));
                }
            }
        }
        double linguaMs = median(cpu[0]) / 1e6 / n;
        double tableMs = median(cpu[1]) / 1e6 / n;
        System.out.printf("%n%s: %d texts%n", dir, n);
        System.out.printf("  same language %.3f %% (%d differ); identical score %d; max |score diff| %.3g%n",
                100.0 * sameCode / n, n - sameCode, identicalScore, maxScoreDiff);
        System.out.printf("  every candidate's confidence identical to lingua's on %d texts; max difference %.3g%n",
                identicalConfidences, maxConfidenceDiff);
        System.out.printf("  CPU ms/page (caller + fork-join pool, median of %d): lingua %.4f, table %.4f: %.1fx%n",
                ROUNDS, linguaMs, tableMs, linguaMs / tableMs);
        System.out.printf("  process CPU ms/page (median): lingua %.4f, table %.4f%n",
                median(processCpu[0]) / 1e6 / n, median(processCpu[1]) / 1e6 / n);
    }

    /** CPU time of this thread and of the live common-pool workers. */
    private static long callerAndPoolCpu() {
        long total = THREADS.getCurrentThreadCpuTime();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("ForkJoinPool.commonPool-worker")) {
                long t = THREADS.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, t);
            }
        }
        return total;
    }

    private static long processCpu() {
        return OS.getProcessCpuTime();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double score(Identified id) {
        return id.score() == null ? 0 : id.score();
    }
}
