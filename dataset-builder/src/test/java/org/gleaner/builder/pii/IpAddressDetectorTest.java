package org.gleaner.builder.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpAddressDetectorTest {
    private final IpAddressDetector detector = new IpAddressDetector();

    private List<String> found(String text) {
        return detector.find(text).stream().map(PiiSpan::normalized).toList();
    }

    @Test
    void findsValidIpv4() {
        assertThat(found("Client 192.0.2.17 connected to 10.0.0.1.")).containsExactly("192.0.2.17", "10.0.0.1");
    }

    @Test
    void rejectsInvalidIpv4AndLookalikes() {
        assertThat(found("256.1.1.1, 1.2.3, 01.2.3.4, version 1.2.3.4.5, 3.14")).isEmpty();
    }

    @Test
    void findsIpv6AndNormalizesPerRfc5952() {
        assertThat(found("Server 2001:DB8:0:0:0:0:0:1 and fe80::1 and ::ffff:192.0.2.1 answered."))
                .containsExactly("2001:db8::1", "fe80::1", "::ffff:c000:201");
        assertThat(found("full 2001:0db8:85a3:0000:0000:8a2e:0370:7334")).containsExactly("2001:db8:85a3::8a2e:370:7334");
    }

    @Test
    void rejectsInvalidIpv6AndTimes() {
        assertThat(found("at 12:30:45, ratio 3:2, 1::2::3, 12345::1, 1:2:3:4:5:6:7:8:9, std::vector")).isEmpty();
    }

    @Test
    void spanCoversTheAddressAsWritten() {
        String text = "(addr 2001:db8::42)";
        PiiSpan s = detector.find(text).get(0);
        assertThat(text.substring(s.start(), s.end())).isEqualTo("2001:db8::42");
    }
}
