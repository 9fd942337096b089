package org.gleaner.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalCodecTest {

    @Test
    void readsBackEveryFieldKind() throws Exception {
        byte[] data = new CanonicalWriter()
                .u8(200).bool(true).u16(65_000).u32(4_000_000_000L).i64(-5)
                .fixed(Bytes.of(new byte[] {1, 2, 3}))
                .bytes(Bytes.of(new byte[] {9}))
                .string("héllo ✓")
                .list(List.of("a", "bc"), CanonicalWriter::string)
                .toByteArray();
        CanonicalReader r = new CanonicalReader(data);
        assertThat(r.u8("a")).isEqualTo(200);
        assertThat(r.bool("b")).isTrue();
        assertThat(r.u16("c")).isEqualTo(65_000);
        assertThat(r.u32("d")).isEqualTo(4_000_000_000L);
        assertThat(r.i64("e")).isEqualTo(-5);
        assertThat(r.fixed("f", 3)).isEqualTo(Bytes.of(new byte[] {1, 2, 3}));
        assertThat(r.bytes("g", 10)).isEqualTo(Bytes.of(new byte[] {9}));
        assertThat(r.string("h", 100)).isEqualTo("héllo ✓");
        assertThat(r.list("i", 5, (rr, f) -> rr.string(f, 10))).containsExactly("a", "bc");
        r.finish("test");
    }

    @Test
    void rejectsBooleanThatIsNotZeroOrOne() {
        CanonicalReader r = new CanonicalReader(new byte[] {2});
        assertThatThrownBy(() -> r.bool("flag")).isInstanceOf(MalformedRecordException.class).hasMessageContaining("flag");
    }

    @Test
    void rejectsHugeLengthPrefixBeforeAllocating() {
        byte[] data = new CanonicalWriter().u32(0x7FFF_FFFFL).toByteArray();
        assertThatThrownBy(() -> new CanonicalReader(data).bytes("body", 1024))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("limit 1024");
    }

    @Test
    void rejectsTruncatedInput() {
        byte[] data = new CanonicalWriter().u32(10).toByteArray();
        assertThatThrownBy(() -> new CanonicalReader(data).bytes("body", 1024))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] data = new CanonicalWriter().bytes(new byte[] {(byte) 0xC0, (byte) 0x80}).toByteArray();
        assertThatThrownBy(() -> new CanonicalReader(data).string("name", 10))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void rejectsTrailingBytes() throws Exception {
        CanonicalReader r = new CanonicalReader(new byte[] {1, 2});
        r.u8("a");
        assertThatThrownBy(() -> r.finish("record")).isInstanceOf(MalformedRecordException.class).hasMessageContaining("trailing");
    }

    @Test
    void rejectsTooManyListItems() {
        byte[] data = new CanonicalWriter().u32(1_000_000).toByteArray();
        assertThatThrownBy(() -> new CanonicalReader(data).list("urls", 1000, (rr, f) -> rr.u8(f)))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("limit 1000");
    }

    @Test
    void signingMessageSeparatesTypesAndOrigins() {
        Bytes body = Bytes.of(new byte[] {1, 2, 3});
        byte[] a = SigningMessage.of("gleaner/a/v1", "net-1", body);
        assertThat(a).isNotEqualTo(SigningMessage.of("gleaner/b/v1", "net-1", body));
        assertThat(a).isNotEqualTo(SigningMessage.of("gleaner/a/v1", "net-2", body));
        assertThat(a).isEqualTo(SigningMessage.of("gleaner/a/v1", "net-1", Bytes.of(new byte[] {1, 2, 3})));
    }
}
