package org.gleaner.bench.builder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dankito.readability4j.Article;
import net.dankito.readability4j.Readability4J;
import org.gleaner.builder.extract.CharsetDetector;
import org.gleaner.builder.extract.HtmlFileReader;
import org.gleaner.builder.extract.MainTextExtractor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Scores main-text extractors on {@code ../shared/testdata/extraction-eval} as its README says: each
 * {@code with} snippet found in the output is a true positive (else a false negative), each {@code without}
 * snippet found a false positive (else a true negative); sums over pages, then precision, recall, F1.
 * Whitespace runs are collapsed to one space on both sides before matching.
 *
 * <p>Reports the whole set and its two halves: pages are split by the parity of the first byte of
 * SHA-256(file name), a split that depends on nothing in the pages. Only the {@code dev} half was looked
 * at while developing the extractor; the {@code test} half is the held-out figure.
 *
 * <p>Run: see docs/extraction.md (compile with {@code -pl bench -am}, then {@code java -cp}); optional arguments
 * {@code [testdata-dir] [--show-misses dev] [--gleaner-only]}.
 */
public final class ExtractionEval {
    /** Time is this thread's CPU time: on a shared machine wall time measures the neighbours too. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    interface Extractor {
        String name();

        String text(byte[] raw, String url) throws Exception;
    }

    static final class Tally {
        long tp;
        long fp;
        long fn;
        long tn;
        int pages;
        int failures;

        double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    public static void main(String[] args) throws Exception {
        Path testdata = args.length > 0 && !args[0].startsWith("--") ? Path.of(args[0]) : TestData.locate();
        String showMisses = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--show-misses")) {
                showMisses = args[i + 1];
            }
        }
        Path eval = testdata.resolve("extraction-eval");
        JsonNode data = new ObjectMapper().readTree(eval.resolve("evaldata.json").toFile());
        MainTextExtractor gleaner = new MainTextExtractor();
        List<Extractor> all = List.of(
                new Extractor() {
                    public String name() {
                        return "gleaner MainTextExtractor";
                    }

                    public String text(byte[] raw, String url) throws Exception {
                        return gleaner.extract(raw, "", url).text();
                    }
                },
                new Extractor() {
                    public String name() {
                        return "Readability4J 1.0.8";
                    }

                    public String text(byte[] raw, String url) {
                        Article a = new Readability4J(url, CharsetDetector.decode(raw, "")).parse();
                        return a.getTextContent() == null ? "" : a.getTextContent();
                    }
                });
        List<Extractor> extractors = List.of(args).contains("--gleaner-only") ? all.subList(0, 1) : all;
        HtmlFileReader reader = new HtmlFileReader(64 * 1024 * 1024);
        Map<String, Tally[]> tallies = new LinkedHashMap<>();
        Map<String, Long> nanos = new LinkedHashMap<>();
        for (Extractor x : extractors) {
            tallies.put(x.name(), new Tally[] {new Tally(), new Tally(), new Tally()});
            nanos.put(x.name(), 0L);
        }
        int done = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = data.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> page = it.next();
            String url = page.getKey();
            JsonNode spec = page.getValue();
            String file = spec.get("file").asString();
            Path path = eval.resolve("html").resolve(file);
            if (!Files.exists(path)) {
                path = eval.resolve("html").resolve(file + ".gz");
            }
            byte[] raw = reader.read(path);
            int half = isDev(file) ? 1 : 2;
            for (Extractor x : extractors) {
                String text;
                long t0 = THREADS.getCurrentThreadCpuTime();
                boolean failed = false;
                try {
                    text = x.text(raw, url);
                } catch (Exception | StackOverflowError e) {
                    text = "";
                    failed = true;
                }
                nanos.merge(x.name(), THREADS.getCurrentThreadCpuTime() - t0, Long::sum);
                String normalized = normalize(text);
                Tally[] t = tallies.get(x.name());
                List<String> misses = new ArrayList<>();
                for (Tally tally : new Tally[] {t[0], t[half]}) {
                    tally.pages++;
                    if (failed) {
                        tally.failures++;
                    }
                }
                for (JsonNode w : spec.path("with")) {
                    boolean found = normalized.contains(normalize(w.asString()));
                    for (Tally tally : new Tally[] {t[0], t[half]}) {
                        if (found) {
                            tally.tp++;
                        } else {
                            tally.fn++;
                        }
                    }
                    if (!found) {
                        misses.add("  missing: " + w.asString());
                    }
                }
                for (JsonNode w : spec.path("without")) {
                    boolean found = normalized.contains(normalize(w.asString()));
                    for (Tally tally : new Tally[] {t[0], t[half]}) {
                        if (found) {
                            tally.fp++;
                        } else {
                            tally.tn++;
                        }
                    }
                    if (found) {
                        misses.add("  kept:    " + w.asString());
                    }
                }
                if (showMisses != null && half == 1 && x == extractors.get(0) && !misses.isEmpty()) {
                    System.out.println(file + " " + url);
                    misses.forEach(System.out::println);
                }
            }
            if (++done % 100 == 0) {
                System.err.printf("scored %d pages%n", done);
            }
        }
        System.out.printf("%nextraction-eval: %d pages%n", done);
        System.out.printf("%-28s %-6s %5s %9s %9s %9s %8s %9s%n", "extractor", "split", "pages", "precision",
                "recall", "F1", "failures", "CPU-ms/page");
        for (Extractor x : extractors) {
            Tally[] t = tallies.get(x.name());
            String[] names = {"all", "dev", "test"};
            for (int i = 0; i < 3; i++) {
                System.out.printf("%-28s %-6s %5d %9.3f %9.3f %9.3f %8d %9s%n", x.name(), names[i], t[i].pages,
                        t[i].precision(), t[i].recall(), t[i].f1(), t[i].failures,
                        i == 0 ? String.format("%.2f", nanos.get(x.name()) / 1e6 / t[0].pages) : "");
            }
        }
    }

    static boolean isDev(String file) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(file.getBytes(StandardCharsets.UTF_8));
            return (h[0] & 1) == 0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String normalize(String s) {
        return s.replaceAll("[\\s\\u00A0]+", " ").strip();
    }
}
