package org.gleaner.builder.extract;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The recall-oriented second opinion (jusText's method without its stop-word lists): the cleaned page is cut
 * into blocks of text at every block element, and each block is classified by its own length and link
 * density, then by its neighbours. Long blocks with few links are good; short blocks and medium ones take
 * the class of the good or bad blocks around them; a heading is good when good text follows it closely. It
 * finds prose wherever it is, so it serves to check the located content, not to replace it: see
 * {@link MainTextExtractor}.
 */
final class ParagraphClassifier {
    static final int LENGTH_LOW = 70;
    static final int LENGTH_HIGH = 200;
    static final double MAX_LINK_DENSITY = 0.2;
    /** A heading is kept when good text starts within this many characters after it. */
    static final int MAX_HEADING_DISTANCE = 200;

    enum Kind { GOOD, NEAR_GOOD, SHORT, BAD }

    /**
     * A block's text with white space collapsed; its length counts visible characters only (jusText counts
     * spaces too), so the thresholds mean the same for languages written without spaces.
     */
    static final class Block {
        final StringBuilder text = new StringBuilder();
        int chars;
        int linkChars;
        boolean heading;
        Kind kind;
        Kind contextKind;

        double linkDensity() {
            return chars == 0 ? 0 : (double) linkChars / chars;
        }
    }

    private ParagraphClassifier() {}

    /**
     * How many visible characters the good blocks hold: what {@link #goodText} would give, measured without
     * building any text (most pages never need the text itself).
     */
    static int goodChars(Element root) {
        List<Block> blocks = blocks(root, false);
        classify(blocks);
        int chars = 0;
        for (Block b : blocks) {
            if (b.contextKind == Kind.GOOD) {
                chars += b.chars;
            }
        }
        return chars;
    }

    /** The good blocks' text, one line per block. */
    static String goodText(Element root) {
        List<Block> blocks = blocks(root, true);
        classify(blocks);
        StringBuilder out = new StringBuilder();
        for (Block b : blocks) {
            if (b.contextKind == Kind.GOOD) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(b.text);
            }
        }
        return out.toString();
    }

    static List<Block> blocks(Element root, boolean withText) {
        List<Block> blocks = new ArrayList<>();
        Block[] current = {new Block()};
        int[] linkDepth = {0};
        int[] headingDepth = {0};
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element e) {
                    if (e.isBlock() || e.nameIs("br")) {
                        current[0] = flush(blocks, current[0]);
                    }
                    if (e.nameIs("a")) {
                        linkDepth[0]++;
                    }
                    if (isHeading(e)) {
                        headingDepth[0]++;
                    }
                } else if (node instanceof TextNode t) {
                    Block b = current[0];
                    String s = t.getWholeText();
                    for (int i = 0; i < s.length(); i++) {
                        char ch = s.charAt(i);
                        if (BlockText.isInvisible(ch)) {
                            continue;
                        }
                        if (TextStats.isVisible(ch)) {
                            if (withText) {
                                b.text.append(ch);
                            }
                            b.chars++;
                            if (linkDepth[0] > 0) {
                                b.linkChars++;
                            }
                        } else if (withText && b.text.length() > 0 && b.text.charAt(b.text.length() - 1) != ' ') {
                            b.text.append(' ');
                        }
                    }
                    b.heading |= headingDepth[0] > 0;
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    if (e.nameIs("a")) {
                        linkDepth[0]--;
                    }
                    if (isHeading(e)) {
                        headingDepth[0]--;
                    }
                    if (e.isBlock()) {
                        current[0] = flush(blocks, current[0]);
                    }
                }
            }
        }, root);
        flush(blocks, current[0]);
        return blocks;
    }

    private static boolean isHeading(Element e) {
        String n = e.normalName();
        return n.length() == 2 && n.charAt(0) == 'h' && n.charAt(1) >= '1' && n.charAt(1) <= '6';
    }

    private static Block flush(List<Block> blocks, Block b) {
        if (b.chars == 0) {
            return b;
        }
        int end = b.text.length();
        while (end > 0 && b.text.charAt(end - 1) == ' ') {
            end--;
        }
        b.text.setLength(end);
        blocks.add(b);
        return new Block();
    }

    static void classify(List<Block> blocks) {
        for (Block b : blocks) {
            if (b.linkDensity() > MAX_LINK_DENSITY) {
                b.kind = Kind.BAD;
            } else if (b.chars < LENGTH_LOW) {
                b.kind = Kind.SHORT;
            } else if (b.chars >= LENGTH_HIGH) {
                b.kind = Kind.GOOD;
            } else {
                b.kind = Kind.NEAR_GOOD;
            }
        }
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            b.contextKind = switch (b.kind) {
                case GOOD -> Kind.GOOD;
                case BAD -> Kind.BAD;
                case NEAR_GOOD -> neighbour(blocks, i, -1, true) == Kind.GOOD
                        || neighbour(blocks, i, 1, true) == Kind.GOOD ? Kind.GOOD : Kind.BAD;
                case SHORT -> neighbour(blocks, i, -1, true) == Kind.GOOD
                        && neighbour(blocks, i, 1, true) == Kind.GOOD ? Kind.GOOD : Kind.BAD;
            };
        }
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (b.heading && b.contextKind == Kind.BAD && b.kind != Kind.BAD) {
                int distance = 0;
                for (int j = i + 1; j < blocks.size() && distance <= MAX_HEADING_DISTANCE; j++) {
                    if (blocks.get(j).kind == Kind.GOOD) {
                        b.contextKind = Kind.GOOD;
                        break;
                    }
                    distance += blocks.get(j).chars;
                }
            }
        }
    }

    /** The class of the nearest block in a direction that is not short (nor near-good, when told to skip those). */
    private static Kind neighbour(List<Block> blocks, int from, int step, boolean skipNearGood) {
        for (int j = from + step; j >= 0 && j < blocks.size(); j += step) {
            Kind k = blocks.get(j).kind;
            if (k == Kind.SHORT || skipNearGood && k == Kind.NEAR_GOOD) {
                continue;
            }
            return k == Kind.NEAR_GOOD ? Kind.BAD : k;
        }
        return Kind.BAD;
    }
}
