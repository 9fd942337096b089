package org.gleaner.builder.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DedupTest {
    private static final String ARTICLE = """
            The council met on Tuesday to discuss the new rules for the water supply of the town. After a long
            debate, the members agreed that the plan should be adopted with two changes. The first change concerns
            the price of water for farms, which will rise more slowly than planned. The second change gives
            households a year to replace old pipes that have lead in them. The mayor said that the town would help
            families with the cost and publish a guide in the spring. Residents can read the full plan at the
            library and send comments until the end of the month.""";

    @Test
    void exactDuplicatesIgnoreCasePunctuationSpacingAndCompatibilityForms() {
        ExactDuplicates exact = new ExactDuplicates();

        assertThat(exact.firstSeen("Hello, World!  Ｔｅｓｔ")).isTrue();
        assertThat(exact.firstSeen("hello world test")).isFalse();
        assertThat(exact.firstSeen("hello world tests")).isTrue();
        assertThat(exact.size()).isEqualTo(2);
    }

    /**
     * The multiply-add hash functions estimate the Jaccard similarity of shingle sets as independent random
     * permutations would: pairs of 400-word texts sharing a known share of their words, their exact shingle
     * Jaccard computed here, and the signature's estimate within a few hundredths on average.
     */
    @Test
    void minHashEstimatesMatchTheExactJaccardOfShingleSets() {
        Random random = new Random(5);
        double totalError = 0;
        int pairs = 60;
        for (int p = 0; p < pairs; p++) {
            List<String> a = new ArrayList<>();
            for (int w = 0; w < 400; w++) {
                a.add("w" + random.nextInt(1_000_000));
            }
            List<String> b = new ArrayList<>(a);
            double changed = random.nextDouble() * 0.3;
            for (int w = 0; w < b.size(); w++) {
                if (random.nextDouble() < changed) {
                    b.set(w, "x" + random.nextInt(1_000_000));
                }
            }
            double exact = jaccard(shingles(a), shingles(b));
            double estimate = MinHasher.similarity(MinHasher.signature(String.join(" ", a)),
                    MinHasher.signature(String.join(" ", b)));
            assertThat(Math.abs(estimate - exact)).as("pair %d, Jaccard %.3f", p, exact).isLessThan(0.15);
            totalError += Math.abs(estimate - exact);
        }
        assertThat(totalError / pairs).isLessThan(0.04);
    }

    private static Set<String> shingles(List<String> words) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i + MinHasher.SHINGLE_WORDS <= words.size(); i++) {
            out.add(String.join(" ", words.subList(i, i + MinHasher.SHINGLE_WORDS)));
        }
        return out;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both.size() / (double) union.size();
    }

    @Test
    void aTextShorterThanOneShingleIsOneShingleOfAllItsWords() {
        assertThat(MinHasher.signature("two words")).isEqualTo(MinHasher.signature("Two, words!"));
        assertThat(MinHasher.signature("two words")).isNotEqualTo(MinHasher.signature("words two"));
        assertThat(MinHasher.signature("")).hasSize(MinHasher.HASHES);
    }

    @Test
    void minHashEstimatesSimilarity() {
        String edited = ARTICLE.replace("Tuesday", "Wednesday").replace("two changes", "three changes");
        String other = "A completely different text about mountain railways, their history, the engineers who "
                + "built them and the villages that grew along the tracks over a hundred years of travel.";

        long[] a = MinHasher.signature(ARTICLE);

        assertThat(MinHasher.similarity(a, MinHasher.signature(ARTICLE))).isEqualTo(1.0);
        assertThat(MinHasher.similarity(a, MinHasher.signature(edited))).isGreaterThan(0.6);
        assertThat(MinHasher.similarity(a, MinHasher.signature(other))).isLessThan(0.1);
        assertThat(MinHasher.signature(ARTICLE)).hasSize(112);
    }

    @Test
    void nearDuplicatesAreFoundAndTheFirstDocumentIsKept() {
        NearDuplicates index = new NearDuplicates();
        String templated = ARTICLE + " Share this article. Read more news from the town.";
        String unrelated = "Mountain railways were built in the nineteenth century to carry tourists up to the "
                + "summits, and many of them still run today with their original engines and carriages.";

        assertThat(index.duplicateOf("a", MinHasher.signature(ARTICLE))).isEmpty();
        assertThat(index.duplicateOf("b", MinHasher.signature(templated))).contains("a");
        assertThat(index.duplicateOf("c", MinHasher.signature(unrelated))).isEmpty();
        assertThat(index.duplicateOf("d", MinHasher.signature(unrelated + " "))).contains("c");
    }

    @Test
    void signaturesAreStableAcrossRuns() {
        // Fixed seeds: a published dataset's signatures can be compared with a later build's.
        assertThat(MinHasher.signature("one two three four five six")[0])
                .isEqualTo(MinHasher.signature("ONE two, three four five six")[0]);
    }

    @Test
    void keysComputedAheadMatchTheTextForms() {
        DedupKeys keys = DedupKeys.of(ARTICLE);
        ExactDuplicates exact = new ExactDuplicates();

        assertThat(keys.minHash()).isEqualTo(MinHasher.signature(ARTICLE));
        assertThat(exact.firstSeen(keys.exact())).isTrue();
        assertThat(exact.firstSeen(ARTICLE.toUpperCase())).isFalse();
        assertThat(exact.firstSeen(DedupKeys.of(ARTICLE + " more").exact())).isTrue();
    }
}
