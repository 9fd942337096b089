package org.gleaner.builder.revocation;

/** Distinct, ordinary-looking English paragraphs (no two near duplicates), for pages in tests. */
public final class PeopleText {
    private static final String[] WORDS = ("garden river morning village library winter market harbour orchard "
            + "meadow bakery station bridge forest lantern kitchen school museum valley island castle theatre "
            + "painter teacher farmer sailor doctor writer singer baker weaver potter").split(" ");

    private PeopleText() {
    }

    public static String paragraph(int n) {
        StringBuilder sb = new StringBuilder("This is the story of page number " + n + ". ");
        long x = 0x9E3779B97F4A7C15L * (n + 1);
        for (int sentence = 0; sentence < 8; sentence++) {
            sb.append("The");
            for (int w = 0; w < 9; w++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                sb.append(' ').append(WORDS[(int) Math.floorMod(x, (long) WORDS.length)]);
            }
            sb.append(" stood near the old road. ");
        }
        return sb.toString();
    }
}
