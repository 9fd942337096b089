package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.gleaner.builder.extract.CharsetDetector.Source;
import org.junit.jupiter.api.Test;

class CharsetDetectorTest {

    @Test
    void aByteOrderMarkWinsOverTheHeaderAndIsSkipped() {
        byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "<p>é</p>".getBytes(StandardCharsets.UTF_8));

        CharsetDetector.Decision d = CharsetDetector.detect(body, "text/html; charset=iso-8859-1");

        assertThat(d.source()).isEqualTo(Source.BYTE_ORDER_MARK);
        assertThat(CharsetDetector.decode(body, "text/html; charset=iso-8859-1")).isEqualTo("<p>é</p>");
    }

    @Test
    void utf16WithAByteOrderMarkDecodes() {
        byte[] body = "\uFEFF<p>Grüße</p>".getBytes(StandardCharsets.UTF_16LE);

        assertThat(CharsetDetector.decode(body, "")).isEqualTo("<p>Grüße</p>");
    }

    @Test
    void theHeaderCharsetWinsOverTheMetaDeclaration() {
        byte[] body = "<meta charset=utf-8><p>Köln</p>".getBytes(Charset.forName("windows-1252"));

        assertThat(CharsetDetector.detect(body, "text/html; charset=windows-1252").source()).isEqualTo(Source.HEADER);
        assertThat(CharsetDetector.decode(body, "text/html; charset=windows-1252")).contains("Köln");
    }

    @Test
    void readsMetaCharsetAndHttpEquivDeclarations() {
        byte[] a = "<meta charset='windows-1251'><p>Привет</p>".getBytes(Charset.forName("windows-1251"));
        byte[] b = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>日本</p>"
                .getBytes(Charset.forName("windows-31j"));

        assertThat(CharsetDetector.decode(a, "")).contains("Привет");
        assertThat(CharsetDetector.detect(b, "").source()).isEqualTo(Source.META);
        assertThat(CharsetDetector.decode(b, "")).contains("日本");
    }

    @Test
    void latin1AndAsciiLabelsMeanWindows1252AsBrowsersDo() {
        byte[] body = "<p>5 €</p>".getBytes(Charset.forName("windows-1252"));

        assertThat(CharsetDetector.decode(body, "text/html; charset=ISO-8859-1")).isEqualTo("<p>5 €</p>");
        assertThat(CharsetDetector.decode(body, "text/html; charset=us-ascii")).isEqualTo("<p>5 €</p>");
    }

    @Test
    void withoutAnyDeclarationValidUtf8IsUtf8AndAnythingElseIsWindows1252() {
        byte[] utf8 = "<p>naïve</p>".getBytes(StandardCharsets.UTF_8);
        byte[] cp1252 = "<p>naïve</p>".getBytes(Charset.forName("windows-1252"));

        assertThat(CharsetDetector.detect(utf8, "").source()).isEqualTo(Source.UTF8_VALID);
        assertThat(CharsetDetector.decode(utf8, "")).isEqualTo("<p>naïve</p>");
        assertThat(CharsetDetector.detect(cp1252, "").source()).isEqualTo(Source.FALLBACK);
        assertThat(CharsetDetector.decode(cp1252, "")).isEqualTo("<p>naïve</p>");
    }

    @Test
    void unknownOrMalformedLabelsAreIgnoredNotFatal() {
        byte[] body = "<meta charset=\"no-such-thing\"><p>naïve</p>".getBytes(StandardCharsets.UTF_8);

        assertThat(CharsetDetector.decode(body, "text/html; charset=\"bogus!!\"")).contains("naïve");
        assertThat(CharsetDetector.lookup("utf-16")).contains(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
