package org.gleaner.protocol.ledger;

import java.util.Set;

/**
 * The purpose vocabulary (version {@value #VOCABULARY_VERSION}). It follows the usage categories of the
 * IETF AI-preferences vocabulary (draft-ietf-aipref-vocab): automated processing ({@code tdm}), AI
 * training ({@code train-ai}), generative AI training ({@code train-genai}), AI use at inference time
 * ({@code ai-use}) and search ({@code search}). A grant names the vocabulary version it uses, so a later
 * version can add terms without changing what an old grant meant.
 */
public final class Purpose {
    public static final int VOCABULARY_VERSION = 1;
    public static final Set<String> V1 = Set.of("tdm", "train-ai", "train-genai", "ai-use", "search");

    private Purpose() {
    }

    public static boolean isKnown(int vocabularyVersion, String purpose) {
        return vocabularyVersion == 1 && V1.contains(purpose);
    }

    /**
     * Whether a grant for {@code granted} covers use for {@code requested}: the categories nest as in the
     * AI-preferences vocabulary (generative training is a kind of AI training, which is a kind of
     * automated processing).
     */
    public static boolean covers(String granted, String requested) {
        if (granted.equals(requested)) {
            return true;
        }
        return switch (granted) {
            case "tdm" -> !requested.equals("tdm");
            case "train-ai" -> requested.equals("train-genai");
            default -> false;
        };
    }
}
