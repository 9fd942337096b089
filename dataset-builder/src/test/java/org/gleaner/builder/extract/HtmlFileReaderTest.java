package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlFileReaderTest {
    @TempDir
    Path dir;

    private final HtmlFileReader reader = new HtmlFileReader(1024);

    @Test
    void readsPlainAndGzippedFiles() throws Exception {
        byte[] html = "<p>hello</p>".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("a.html"), html);
        Files.write(dir.resolve("b.html.gz"), gzip(html));

        assertThat(reader.read(dir.resolve("a.html"))).isEqualTo(html);
        assertThat(reader.read(dir.resolve("b.html.gz"))).isEqualTo(html);
    }

    @Test
    void aTruncatedGzipIsATypedError() throws Exception {
        byte[] gz = gzip("<p>hello hello hello hello</p>".repeat(20).getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("t.html.gz"), Arrays.copyOf(gz, gz.length / 2));

        assertThatThrownBy(() -> reader.read(dir.resolve("t.html.gz")))
                .isInstanceOfSatisfying(HtmlFileReader.UnreadableFile.class,
                        e -> assertThat(e.reason()).isEqualTo("truncated-gzip"));
    }

    @Test
    void aCorruptGzipIsATypedError() throws Exception {
        Files.write(dir.resolve("c.html.gz"), "not gzip at all".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> reader.read(dir.resolve("c.html.gz")))
                .isInstanceOfSatisfying(HtmlFileReader.UnreadableFile.class,
                        e -> assertThat(e.reason()).isEqualTo("corrupt-gzip"));
    }

    @Test
    void aGzipBombStopsAtTheCap() throws Exception {
        Files.write(dir.resolve("bomb.html.gz"), gzip(new byte[10 * 1024 * 1024]));

        assertThatThrownBy(() -> reader.read(dir.resolve("bomb.html.gz")))
                .isInstanceOfSatisfying(HtmlFileReader.UnreadableFile.class,
                        e -> assertThat(e.reason()).isEqualTo("too-large"));
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
