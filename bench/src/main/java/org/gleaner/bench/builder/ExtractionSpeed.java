package org.gleaner.bench.builder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.gleaner.builder.extract.CharsetDetector;
import org.gleaner.builder.extract.ExtractedText;
import org.gleaner.builder.extract.ExtractionException;
import org.gleaner.builder.extract.HtmlFileReader;
import org.gleaner.builder.extract.MainTextExtractor;
import org.jsoup.Jsoup;

/**
 * CPU time per page of {@link MainTextExtractor} beside a bare jsoup parse of the same pages (charset
 * detection included in both), measured as this thread's CPU time so that other work on the machine
 * distorts it less than wall time. Default pages: the JDK's API documentation (Debian's openjdk-17-doc); any
 * folder of {@code .html} or {@code .html.gz} files will do (e.g. {@code ../shared/testdata/extraction-eval/html}).
 *
 * <p>Run: {@code java -cp ... org.gleaner.bench.builder.ExtractionSpeed [dir] [max-pages] [rounds]
 * [baseline-classes-dir]}. With a fourth argument, a copy of an earlier build's {@code dataset-builder/target/classes}
 * (e.g. saved before a change), that build's extractor runs in the same process, page by page beside the
 * current one: its CPU time is reported too, and every page whose title or text differs is counted.
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
        BaselineExtractor baseline = args.length > 3 ? new BaselineExtractor(Path.of(args[3])) : null;
        if (baseline != null) {
            int differing = 0;
            for (byte[] page : pages) {
                if (!outputOf(extractor, page).equals(baseline.output(page))) {
                    differing++;
                }
            }
            System.out.printf("baseline %s: %d of %d pages extract differently%n", args[3], differing, pages.size());
        }
        double[] jsoupMs = new double[rounds];
        double[] extractMs = new double[rounds];
        double[] baselineMs = new double[rounds];
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
            if (baseline != null) {
                for (byte[] page : pages) {
                    sink += baseline.output(page).length();
                }
            }
            long c3 = threads.getCurrentThreadCpuTime();
            if (r >= 0) {
                jsoupMs[r] = (c1 - c0) / 1e6 / pages.size();
                extractMs[r] = (c2 - c1) / 1e6 / pages.size();
                baselineMs[r] = (c3 - c2) / 1e6 / pages.size();
                System.out.printf("round %d: bare jsoup %.3f CPU-ms/page, MainTextExtractor %.3f CPU-ms/page%s%n", r + 1,
                        jsoupMs[r], extractMs[r],
                        baseline == null ? "" : String.format(", baseline %.3f CPU-ms/page", baselineMs[r]));
                System.err.printf("round %d of %d done%n", r + 1, rounds);
            }
        }
        double jsoup = median(jsoupMs);
        double extract = median(extractMs);
        System.out.printf("median of %d: bare jsoup %.3f CPU-ms/page, MainTextExtractor %.3f CPU-ms/page "
                + "(%.2f times a bare parse; extraction alone %.3f) [%d]%n", rounds, jsoup, extract, extract / jsoup,
                extract - jsoup, sink % 10);
        if (baseline != null) {
            double before = median(baselineMs);
            System.out.printf("median of %d: baseline %.3f CPU-ms/page (%.2f times a bare parse; extraction alone %.3f); "
                    + "current/baseline %.2f, extraction alone %.2f%n", rounds, before, before / jsoup, before - jsoup,
                    extract / before, (extract - jsoup) / (before - jsoup));
        }
    }

    private static String outputOf(MainTextExtractor extractor, byte[] page) {
        try {
            ExtractedText t = extractor.extract(page, "text/html", "");
            return t.title() + "\n" + t.text();
        } catch (ExtractionException e) {
            return "refused: " + e.getMessage();
        }
    }

    /**
     * An earlier build of the extractor, loaded from its classes directory ahead of the current one (child
     * first for the extractor's package; jsoup and the rest come from this class path).
     */
    static final class BaselineExtractor {
        private static final String PACKAGE = "org.gleaner.builder.extract.";
        private final Object extractor;
        private final Method extract;
        private final Method title;
        private final Method text;
        private final Class<?> refusal;

        BaselineExtractor(Path classes) throws Exception {
            if (!Files.isDirectory(classes.resolve("org/gleaner/builder/extract"))) {
                throw new IllegalArgumentException("no extractor classes under " + classes);
            }
            ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    ExtractionSpeed.class.getClassLoader()) {
                @Override
                protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                    if (!name.startsWith(PACKAGE)) {
                        return super.loadClass(name, resolve);
                    }
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : findClass(name);
                    }
                }
            };
            Class<?> type = loader.loadClass(PACKAGE + "MainTextExtractor");
            extractor = type.getConstructor().newInstance();
            extract = type.getMethod("extract", byte[].class, String.class, String.class);
            Class<?> result = loader.loadClass(PACKAGE + "ExtractedText");
            title = result.getMethod("title");
            text = result.getMethod("text");
            refusal = loader.loadClass(PACKAGE + "ExtractionException");
        }

        String output(byte[] page) throws Exception {
            try {
                Object t = extract.invoke(extractor, page, "text/html", "");
                return title.invoke(t) + "\n" + text.invoke(t);
            } catch (InvocationTargetException e) {
                if (refusal.isInstance(e.getCause())) {
                    return "refused: " + e.getCause().getMessage();
                }
                throw e;
            }
        }
    }

    private static List<byte[]> load(Path dir, int maxPages) throws IOException, HtmlFileReader.UnreadableFile {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(HtmlFileReader::isHtmlFile).sorted().limit(maxPages).toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .html files under " + dir);
        }
        HtmlFileReader reader = new HtmlFileReader(64 * 1024 * 1024);
        List<byte[]> pages = new ArrayList<>();
        for (Path f : files) {
            pages.add(reader.read(f));
        }
        return pages;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
