package org.gleaner.builder.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Running libphonenumber only on the windows that can hold a number finds exactly the numbers, offsets and
 * normalized forms it finds on the whole text: on many random texts made of numbers written in many formats
 * and regions, extensions, dates, time stamps, page ranges, brackets, plus signs, padding runs of every length,
 * letters next to digits, non-ASCII and non-BMP digits, and gaps around the windows' bridging limit, read with
 * several default regions; and on real texts.
 */
class PhoneNumberWindowsTest {
    private static final String[] REGIONS = {"US", "DE", "GB", "FR", "JP", "IN", "BR", "AR", "GG", "AT", "MX", "IT",
            "SM", "NF", "AG", "NU"};
    private static final String[] NUMBERS = {"+1 202 555 0143", "(202) 555-0143", "202.555.0143", "202-555-0143",
            "2025550143", "1-202-555-0143", "+1 (202) 555-0143", "011 44 20 7946 0958", "+44 20 7946 0958",
            "020 7946 0958", "(020) 7946 0958", "+44 (0)20 7946 0958", "030 12345678", "+49 30 12345678",
            "+49 (30) 123 456 78", "0049 30 12345678", "+33 1 42 68 53 00", "01 42 68 53 00", "+81 3-1234-5678",
            "03-1234-5678", "+91 98765 43210", "098765 43210", "+55 11 91234-5678", "(11) 91234-5678",
            "+54 9 11 1234-5678", "011 15-1234-5678", "+43 1 234567", "+39 06 6982 1234", "06 6982 1234",
            "+52 55 1234 5678", "+44 1481 712345", "01481 712345", "712345", "+1-800-555-0199", "1 800 555 0199",
            "＋４４ ２０ ７９４６ ０９５８", "٠٢٠ ٧٩٤٦ ٠٩٥٨", "+44 𝟐𝟎 7946 0958", "202 555 0143 ext. 1234",
            "202-555-0143 x 45", "202-555-0143;ext=7", "202-555-0143 - 503#", "+49 30 1234567 доб 12",
            "+34 91 123 45 67 anexo 3", "0549 886377", "886377", "+378 0549 886377",
            "+378 886377", "+672 3 22143", "22143", "322143", "460-1234", "+1 268 460 1234", "+683 7012", "7012",
            "4002", "+43 1 234", "01 234", "1-800-FLOWERS", "+1 202 555 CALL", "202 55x 0143", "x x x 2025", "202 555 0143 extensión 9", "202 555 0143 int 12", "202 555 0143 #12",
            "+41 79 123 45 67 / 68", "(202) 555-0143 ext 12#", "+1 202 555 0143 #12#", "+1 202 555 0143/x 5", "[202] 555 0143", "（２０２）５５５－０１４３"};
    private static final String[] NOISE = {" ", "  ", "          ", "\u00A0", "\t", "\n", ",", ", ", ",,,,,,,,,,,,",
            "-", "--", " - ", ".", "/", "(", ")", "[", "]", "+", "＋", "（", "）", "#", "x", "X", "ext", "ext.", ":",
            ":30", ":75", "2012-01-02 08:00", "2012-01-02 08:00:15", "3/10/2011", "31/10/96", "211-227 (2003)",
            "12(3): 211-227 (2003)", "1.2.3", "version 17", "JDK 17.0.2", "1", "12", "123", "1234", "12345",
            "123456", "1234567", "12345678", "123456789", "1234567890", "12345678901", "123456789012345",
            "$", "%", "€", "£", "abc", "Tel", "Tel.:", "Fax: ", "Phone", "Telefon", "é", "ß", "Ж", "中文", "😀",
            "𝒜", "a", "Z", "call", "or", "and", "between", "a long stretch of plain words here",
            "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmnopqr", "a b c d e f g h i j k l m n o p q",
            "x-x-x-x-x-x-x-x-x", "................", ".................", "ext ext ext ext ext", "int.", "anexo",
            "\u200B", "\u2060", "\u3000", "\u00AD", "~", "～", "–", "—", "\u2212"};

    @Test
    void randomTextsGiveTheSameNumbersAsTheWholeText() {
        Random random = new Random(6);
        int found = 0;
        for (int t = 0; t < 6_000; t++) {
            StringBuilder sb = new StringBuilder();
            int pieces = 1 + random.nextInt(30);
            for (int p = 0; p < pieces; p++) {
                int kind = random.nextInt(10);
                if (kind < 3) {
                    sb.append(NUMBERS[random.nextInt(NUMBERS.length)]);
                } else if (kind < 4) {
                    sb.append(randomDigits(random));
                } else {
                    sb.append(NOISE[random.nextInt(NOISE.length)]);
                }
            }
            found += assertSameNumbers(sb.toString(), REGIONS[t % REGIONS.length]);
        }
        assertThat(found).as("numbers found").isGreaterThan(5_000);
    }

    @Test
    void gapsAtTheBridgingLimitGiveTheSameNumbers() {
        Random random = new Random(60);
        int found = 0;
        for (int t = 0; t < 3_000; t++) {
            StringBuilder sb = new StringBuilder();
            for (int p = 0; p < 6; p++) {
                sb.append(NUMBERS[random.nextInt(NUMBERS.length)]);
                int letters = PhoneNumberWindows.MAX_BRIDGE_NON_PADDING - 3 + random.nextInt(7);
                for (int i = 0; i < letters; i++) {
                    sb.append(random.nextInt(3) == 0 ? " ,-\t".charAt(random.nextInt(4)) : (char) ('a' + random.nextInt(26)));
                }
            }
            found += assertSameNumbers(sb.toString(), REGIONS[t % REGIONS.length]);
        }
        assertThat(found).as("numbers found").isGreaterThan(3_000);
    }

    @Test
    void theWindowsKeepWhatTheMatcherReadsAroundACandidate() {
        String noise = "a stretch of words without any digit: ";
        for (String region : new String[] {"US", "GB"}) {
            for (String around : new String[] {"a%s", "a%sb", "%sb", "€%s", "%s%%", "%s#b", "x%s#", "%s:15", "%s:75"}) {
                for (String number : new String[] {"2025550143", "202-555-0143", "+-+ -(202) 555-0143",
                        "((202) 555-0143", "＋（ 202) 555 0143", "( -- + -- 1 202 555 0143", "(202) 555-0143 ext 12#", "+1 202 555 0143 #12#", "2012-01-02 08:00",
                        "020 7946 0958"}) {
                    String text = noise + around.formatted(number) + " " + noise;
                    assertSameNumbers(text, region);
                    assertSameNumbers(around.formatted(number), region);
                }
            }
        }
        assertThat(new PhoneDetector("US").find(noise + "a2025550143 or (202) 555-0143a or +1 202 555 0143."))
                .extracting(PiiSpan::normalized).containsExactly("+12025550143");
    }

    @Test
    void realTextsGiveTheSameNumbers() throws IOException {
        List<String> texts = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/language/labelled.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                texts.add(line);
            }
        }
        for (String region : REGIONS) {
            for (String text : texts) {
                assertSameNumbers(text, region);
            }
            assertSameNumbers(String.join(" 030 12345678 ", texts), region);
        }
    }

    @Test
    void javadocPagesGiveTheSameNumbers() throws IOException {
        Path docs = Path.of("/usr/share/doc/openjdk-17-doc/api");
        assumeTrue(Files.isDirectory(docs), "Debian's openjdk-17-doc is not installed");
        List<Path> pages;
        try (Stream<Path> walk = Files.walk(docs, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            pages = walk.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        int found = 0;
        for (int i = 0; i < pages.size(); i += 10) {
            String text = Jsoup.parse(pages.get(i).toFile(), "UTF-8").text();
            found += assertSameNumbers(text, "US") + assertSameNumbers(text, "DE");
        }
        assertThat(pages).hasSizeGreaterThan(1_000);
        assertThat(found).isPositive();
    }

    private static String randomDigits(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(14);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
            if (random.nextInt(4) == 0) {
                sb.append(" -./".charAt(random.nextInt(4)));
            }
        }
        return sb.toString();
    }

    private static int assertSameNumbers(String text, String region) {
        PhoneDetector detector = new PhoneDetector(region);
        List<PiiSpan> expected = detector.findInWholeText(text);
        assertThat(detector.find(text)).as("region %s, text: %s", region, text).isEqualTo(expected);
        return expected.size();
    }
}
