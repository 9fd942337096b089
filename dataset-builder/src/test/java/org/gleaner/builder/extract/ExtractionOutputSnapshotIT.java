package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The extractor's output (title and text, or the refusal) on every page of the extraction evaluation and on a
 * sample of the JDK's API documentation must stay what it was when {@code extraction-snapshot.txt} was recorded:
 * speed work on the extractor may not change what it extracts. A change of output on purpose re-records the
 * file (run with {@code -Dgleaner.extract.recordSnapshot=true}) and must show in the evaluation's F1.
 *
 * <p>Skipped where the pages are not installed (the shared test data beside the checkout, Debian's
 * openjdk-17-doc); under {@code CI=true} missing pages fail instead.
 */
class ExtractionOutputSnapshotIT {
    private static final Path SNAPSHOT = Path.of("src/test/resources/extract/extraction-snapshot.txt");
    private static final Path JDK_DOC = Path.of("/usr/share/doc/openjdk-17-doc/api");
    /** Every n-th page of the JDK documentation in path order: a spread over all its modules. */
    private static final int JDK_DOC_STRIDE = 40;

    @Test
    void everyPageExtractsAsRecorded() throws Exception {
        Path eval = evalPages();
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            assumeTrue(eval != null && Files.isDirectory(JDK_DOC), "extraction-eval or openjdk-17-doc not installed");
        }
        assertThat(eval).as("shared testdata/extraction-eval/html").isNotNull();
        Map<String, String> actual = new LinkedHashMap<>();
        MainTextExtractor extractor = new MainTextExtractor();
        HtmlFileReader reader = new HtmlFileReader(64 * 1024 * 1024);
        for (Path page : sorted(eval, Integer.MAX_VALUE, 1)) {
            actual.put("eval/" + eval.relativize(page), digest(extractor, reader.read(page)));
        }
        for (Path page : sorted(JDK_DOC, Integer.MAX_VALUE, JDK_DOC_STRIDE)) {
            actual.put("jdk/" + JDK_DOC.relativize(page), digest(extractor, reader.read(page)));
        }
        if (Boolean.getBoolean("gleaner.extract.recordSnapshot")) {
            List<String> lines = new ArrayList<>();
            actual.forEach((page, sha) -> lines.add(page + " " + sha));
            Files.createDirectories(SNAPSHOT.getParent());
            Files.write(SNAPSHOT, lines, StandardCharsets.UTF_8);
        }
        Map<String, String> recorded = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SNAPSHOT, StandardCharsets.UTF_8)) {
            int space = line.lastIndexOf(' ');
            recorded.put(line.substring(0, space), line.substring(space + 1));
        }
        assertThat(actual.size()).isGreaterThan(1000);
        List<String> changed = new ArrayList<>();
        recorded.forEach((page, sha) -> {
            if (!sha.equals(actual.get(page))) {
                changed.add(page);
            }
        });
        assertThat(changed).as("pages whose extracted title or text changed").isEmpty();
        assertThat(actual.keySet()).containsExactlyElementsOf(recorded.keySet());
    }

    private static String digest(MainTextExtractor extractor, byte[] page) throws NoSuchAlgorithmException {
        String output;
        try {
            ExtractedText t = extractor.extract(page, "text/html", "https://example.org/");
            output = "title:" + t.title() + "\ntext:" + t.text();
        } catch (ExtractionException e) {
            output = "refused:" + e.getMessage();
        }
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(output.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha, 0, 16);
    }

    private static List<Path> sorted(Path dir, int max, int stride) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            all = walk.filter(Files::isRegularFile).filter(HtmlFileReader::isHtmlFile).sorted().toList();
        }
        List<Path> picked = new ArrayList<>();
        for (int i = 0; i < all.size() && picked.size() < max; i += stride) {
            picked.add(all.get(i));
        }
        return picked;
    }

    /** {@code ../shared/testdata/extraction-eval/html} above the module directory, if there is one. */
    private static Path evalPages() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("../shared/testdata/extraction-eval/html").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
