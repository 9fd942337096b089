package org.gleaner.bench.builder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gleaner.builder.extract.ExtractionException;
import org.gleaner.builder.extract.MainTextExtractor;
import org.gleaner.builder.pii.EmailDetector;
import org.gleaner.builder.pii.IpAddressDetector;
import org.gleaner.builder.pii.PersonalDataFilter;
import org.gleaner.builder.pii.PhoneDetector;
import org.gleaner.builder.pii.PiiDetector;
import org.gleaner.builder.pii.SocialHandleDetector;
import org.gleaner.builder.pii.PiiCounts;
import org.gleaner.builder.pii.PrivacySettings;

/**
 * Documents and MiB of extracted text per second through the personal-data filter (all four detectors,
 * redaction, no consent source: every identifier redacted), on one thread, over the main text of a directory
 * of HTML pages (extracted before timing), plus a synthetic identifier-dense text.
 *
 * <p>Run: see docs/datasets.md. Argument: {@code [DIR]}; defaults to Debian's openjdk-17-doc.
 */
public final class PiiFilterThroughput {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/doc/openjdk-17-doc/api");
        MainTextExtractor extractor = new MainTextExtractor();
        List<String> texts = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                try {
                    texts.add(extractor.extract(Files.readAllBytes(p), "text/html", "https://bench.test/").text());
                } catch (ExtractionException e) {
                    // Over the extractor's size limits: the builder skips such pages too.
                }
            }
        }
        StringBuilder dense = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            dense.append("Contact person").append(i).append("@example.org or +1 202 555 01").append("%02d".formatted(i % 100))
                    .append(", from 192.0.2.").append(i % 250).append(", github.com/p").append(i).append(". ");
        }
        run("docs", texts);
        run("dense", List.of(dense.toString()));
        for (PiiDetector d : List.of(new EmailDetector(), new PhoneDetector("US"), new IpAddressDetector(),
                new SocialHandleDetector())) {
            long t0 = System.nanoTime();
            int found = 0;
            for (String t : texts) {
                found += d.find(t).size();
            }
            System.out.printf("  %s alone: %.3f ms/doc, %d found%n", d.getClass().getSimpleName(),
                    (System.nanoTime() - t0) / 1e6 / texts.size(), found);
        }
    }

    private static void run(String name, List<String> texts) {
        long chars = texts.stream().mapToLong(String::length).sum();
        PersonalDataFilter warm = new PersonalDataFilter(PrivacySettings.DEFAULTS);
        for (int i = 0; i < Math.min(300, texts.size()); i++) {
            warm.filter(List.of(texts.get(i)));
        }
        PersonalDataFilter filter = new PersonalDataFilter(PrivacySettings.DEFAULTS);
        PiiCounts total = PiiCounts.NONE;
        long t0 = System.nanoTime();
        for (String t : texts) {
            total = total.plus(filter.filter(List.of(t)).counts());
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s: %d texts, %.1f M chars, %.2f s: %.0f docs/s, %.2f M chars/s, %.3f ms/doc; identifiers found %d%n", name,
                texts.size(), chars / 1e6, s, texts.size() / s, chars / 1e6 / s, s * 1e3 / texts.size(),
                total.totalFound());
    }
}
