package org.gleaner.bench.builder;

import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gleaner.builder.extract.ExtractionException;
import org.gleaner.builder.extract.HtmlFileReader;
import org.gleaner.builder.extract.MainTextExtractor;

/** The main texts the builder's extractor finds in a directory's {@code .html} and {@code .html.gz} pages. */
final class ExtractedTexts {
    private ExtractedTexts() {
    }

    /** Non-blank main texts in file-name order; pages the extractor refuses are left out, as the builder does. */
    static List<String> of(Path dir) throws Exception {
        MainTextExtractor extractor = new MainTextExtractor();
        HtmlFileReader reader = new HtmlFileReader(64 * 1024 * 1024);
        List<String> texts = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".html") || f.toString().endsWith(".html.gz"))
                    .sorted().toList()) {
                try {
                    String text = extractor.extract(reader.read(p), "", "").text();
                    if (!text.isBlank()) {
                        texts.add(text);
                    }
                } catch (ExtractionException e) {
                    // refused pages are not identified by the builder either
                }
            }
        }
        return texts;
    }
}
