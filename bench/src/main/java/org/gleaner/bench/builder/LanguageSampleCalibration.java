package org.gleaner.bench.builder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gleaner.builder.language.LanguageIdentifier.Identified;
import org.gleaner.builder.language.LanguageSettings;
import org.gleaner.builder.language.LinguaLanguageIdentifier;

/**
 * How much text language identification needs: on the main text of real pages, how often a shorter sample
 * names the same language as a long reference sample (2,000 characters), how far its calibrated score moves,
 * and what it costs per document (CPU time of the measuring thread, so other load on the machine does not count). Pages come from {@code ../shared/testdata/extraction-eval} (990 pages of many
 * sites and several languages) and, when installed, {@code /usr/share/doc/openjdk-17-doc/api} (technical
 * English mixed with code). Arguments: {@code [DIR...]} to use other page directories instead.
 *
 * <p>Run: see docs/datasets.md (Throughput).
 */
public final class LanguageSampleCalibration {
    private static final int REFERENCE = 2_000;
    /** CPU time of this thread, not wall time: the machine is shared, and only the relative cost matters. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int[] SAMPLES = {200, 300, 400, 500, 700, 1_000};

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
        for (Path dir : dirs) {
            calibrate(dir, ExtractedTexts.of(dir));
        }
    }

    private static void calibrate(Path dir, List<String> texts) {
        LinguaLanguageIdentifier reference = identifier(REFERENCE);
        List<Identified> truth = new ArrayList<>();
        for (String t : texts) {
            truth.add(reference.identify(t));
        }
        long longer = texts.stream().filter(t -> t.length() > 1_000).count();
        System.out.printf("%n%s: %d texts (%d longer than 1,000 chars); reference sample %d chars%n", dir,
                texts.size(), longer, REFERENCE);
        System.out.printf("%8s %10s %12s %16s %10s%n", "sample", "same code", "disagreeing", "mean |score diff|",
                "CPU ms/doc");
        for (int sample : SAMPLES) {
            LinguaLanguageIdentifier id = identifier(sample);
            for (int i = 0; i < Math.min(200, texts.size()); i++) {
                id.identify(texts.get(i)); // warm-up
            }
            int same = 0;
            double scoreDiff = 0;
            long t0 = CPU.getCurrentThreadCpuTime();
            List<Identified> got = new ArrayList<>();
            for (String t : texts) {
                got.add(id.identify(t));
            }
            long nanos = CPU.getCurrentThreadCpuTime() - t0;
            for (int i = 0; i < texts.size(); i++) {
                Identified a = got.get(i);
                Identified b = truth.get(i);
                if (a.code().equals(b.code())) {
                    same++;
                }
                scoreDiff += Math.abs(score(a) - score(b));
            }
            System.out.printf("%8d %9.2f%% %12d %16.4f %10.3f%n", sample, 100.0 * same / texts.size(),
                    texts.size() - same, scoreDiff / texts.size(), nanos / 1e6 / texts.size());
        }
    }

    private static double score(Identified id) {
        return id.score() == null ? 0 : id.score();
    }

    private static LinguaLanguageIdentifier identifier(int sampleChars) {
        LanguageSettings d = LanguageSettings.defaults();
        return new LinguaLanguageIdentifier(new LanguageSettings(d.languages(), d.lowAccuracy(), d.minScore(),
                sampleChars));
    }
}
