package org.gleaner.builder.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.gleaner.builder.extract.ExtractedText;
import org.gleaner.builder.extract.ExtractionException;
import org.gleaner.builder.extract.HtmlFileReader;
import org.gleaner.builder.extract.MainTextExtractor;
import org.gleaner.builder.extract.TextExtractor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code gleaner extract}: the main text of HTML files, as JSON lines or plain text. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Extracts the title and main text of HTML files (.html, .htm, .html.gz; raw bytes, the "
                + "charset is detected from the byte-order mark, the <meta> declaration or the bytes).",
                "Directories are walked recursively. Output goes to stdout; progress and a summary of skipped "
                        + "files with their reasons go to stderr. Exit status: 0 all extracted, 1 some skipped, "
                        + "2 bad arguments."})
public final class ExtractCommand implements Callable<Integer> {
    static final int PROGRESS_EVERY = 500;

    enum Format { jsonl, text }

    @Option(names = "--format", defaultValue = "jsonl",
            description = "jsonl: one JSON object per file with file, title and text; text: the title and text "
                    + "of each file, separated by a form feed line (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--max-bytes", defaultValue = "8388608",
            description = "Skip files whose (decompressed) size exceeds this many bytes (default: ${DEFAULT-VALUE}).")
    int maxBytes;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "HTML files or directories holding them.")
    List<Path> inputs;

    private final PrintStream out;
    private final PrintStream err;

    public ExtractCommand() {
        this(System.out, System.err);
    }

    ExtractCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (maxBytes <= 0) {
            err.println("gleaner extract: --max-bytes must be positive");
            return 2;
        }
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile).filter(HtmlFileReader::isHtmlFile).sorted().forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    err.println("gleaner extract: cannot list " + input + ": " + e.getMessage());
                    return 2;
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                err.println("gleaner extract: no such file or directory: " + input);
                return 2;
            }
        }
        HtmlFileReader reader = new HtmlFileReader(maxBytes);
        TextExtractor extractor = new MainTextExtractor(maxBytes);
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> skipped = new TreeMap<>();
        int extracted = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            try {
                ExtractedText page = extractor.extract(reader.read(file), "", null);
                write(json, file, page);
                extracted++;
            } catch (HtmlFileReader.UnreadableFile e) {
                skip(skipped, file, e.reason(), e.getMessage());
            } catch (ExtractionException e) {
                skip(skipped, file, "not-extractable", e.getMessage());
            }
            if (files.size() > PROGRESS_EVERY && (i + 1) % PROGRESS_EVERY == 0) {
                err.printf("gleaner extract: %d/%d files%n", i + 1, files.size());
            }
        }
        out.flush();
        if (files.size() > 1 || !skipped.isEmpty()) {
            err.printf("gleaner extract: %d extracted, %d skipped%s%n", extracted, files.size() - extracted,
                    skipped.isEmpty() ? "" : " " + skipped);
        }
        return skipped.isEmpty() ? 0 : 1;
    }

    private void write(ObjectMapper json, Path file, ExtractedText page) {
        if (format == Format.jsonl) {
            ObjectNode line = json.createObjectNode();
            line.put("file", file.toString());
            line.put("title", page.title());
            line.put("text", page.text());
            out.println(json.writeValueAsString(line));
        } else {
            out.println(page.title() == null ? "" : page.title());
            out.println();
            out.println(page.text());
            out.println("\f");
        }
    }

    private void skip(Map<String, Integer> skipped, Path file, String reason, String detail) {
        skipped.merge(reason, 1, Integer::sum);
        err.println("gleaner extract: skipped " + file + ": " + detail);
    }
}
