package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentTypeTest {
    @Test
    void parsesMediaTypeAndCharset() {
        ContentType ct = ContentType.parse(" Text/HTML ; foo=bar; Charset=\"ISO-8859-1\" ");

        assertThat(ct.mediaType()).isEqualTo("text/html");
        assertThat(ct.charset()).contains("ISO-8859-1");
        assertThat(ct.supportedCharset()).contains("ISO-8859-1");
        assertThat(ct.isHtml()).isTrue();
    }

    @Test
    void recognisesHtmlOnly() {
        assertThat(ContentType.parse("application/xhtml+xml").isHtml()).isTrue();
        assertThat(ContentType.parse("text/plain; charset=utf-8").isHtml()).isFalse();
        assertThat(ContentType.parse("application/pdf").isHtml()).isFalse();
        assertThat(ContentType.parse("").isHtml()).isFalse();
        assertThat(ContentType.parse(null).isHtml()).isFalse();
    }

    @Test
    void unknownOrGarbledCharsetsAreNotSupported() {
        assertThat(ContentType.parse("text/html; charset=no-such-thing").supportedCharset()).isEmpty();
        assertThat(ContentType.parse("text/html; charset=\"\"").charset()).isEqualTo(Optional.empty());
        assertThat(ContentType.parse("text/html; charset=ü*").supportedCharset()).isEmpty();
    }
}
