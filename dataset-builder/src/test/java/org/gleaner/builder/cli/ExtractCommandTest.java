package org.gleaner.builder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ExtractCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new CommandLine(new ExtractCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
    }

    @Test
    void writesOneJsonLinePerFileWithTitleAndTextFromRawBytes() throws Exception {
        Files.write(dir.resolve("a.html"), ("<html><head><meta charset=windows-1252><title>Caf\u00e9</title></head>"
                + "<body><p>Grüße aus Köln</p></body></html>").getBytes(Charset.forName("windows-1252")));
        Path sub = Files.createDirectories(dir.resolve("sub"));
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(sub.resolve("b.html.gz")))) {
            gz.write("<title>B</title><p>second page</p>".getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("ignored.txt"), "not html");

        int status = run(dir.toString());

        assertThat(status).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("title").asString()).isEqualTo("Café");
        assertThat(first.get("text").asString()).isEqualTo("Grüße aus Köln");
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("text").asString()).isEqualTo("second page");
    }

    @Test
    void textFormatPrintsTitleAndText() throws Exception {
        Files.writeString(dir.resolve("a.html"), "<title>T</title><p>body text</p>");

        assertThat(run("--format", "text", dir.resolve("a.html").toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("T\n\nbody text\n");
    }

    @Test
    void countsSkippedFilesWithReasonsAndExitsOne() throws Exception {
        Files.writeString(dir.resolve("good.html"), "<p>fine</p>");
        Files.write(dir.resolve("bad.html.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0});
        Files.write(dir.resolve("binary.html"), new byte[] {0, 1, 2, 3, 0, 0});

        int status = run(dir.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("1 extracted, 2 skipped", "not-extractable=1", "truncated-gzip=1");
    }

    @Test
    void aMissingPathIsBadInputWithOneLine() {
        int status = run(dir.resolve("nope.html").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).hasSize(1)
                .first().asString().contains("no such file or directory");
    }
}
