package org.gleaner.builder.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.internal.TrainingDataLanguageModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Reads lingua's n-gram probability files from its jar ({@code language-models/<iso>/<n>grams.json}) with
 * lingua's own parser, so every probability is the float lingua itself looks up. The parser returns a fastutil
 * map, which is only on the runtime class path, hence the reflective call; it is seen here as the
 * {@code Map<String, Float>} it also is.
 */
final class LinguaModelFiles {
    private static final String[] FILE_NAMES = {"", "unigrams", "bigrams", "trigrams"};
    private static final Method FROM_JSON = fromJsonMethod();

    private LinguaModelFiles() {}

    /** The model of n-grams of {@code length} (1 to 3) chars; empty when lingua has none for the language. */
    static Map<String, Float> load(Language language, int length) {
        String path = "/language-models/" + language.getIsoCode639_1().toString().toLowerCase(java.util.Locale.ROOT)
                + "/" + FILE_NAMES[length] + ".json";
        try (InputStream in = Language.class.getResourceAsStream(path)) {
            if (in == null) {
                return Map.of();
            }
            @SuppressWarnings("unchecked")
            Map<String, Float> model = (Map<String, Float>) FROM_JSON.invoke(TrainingDataLanguageModel.Companion, in);
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lingua's model " + path, e);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("lingua's model parser failed on " + path, e);
        }
    }

    private static Method fromJsonMethod() {
        try {
            return TrainingDataLanguageModel.Companion.getClass().getMethod("fromJson", InputStream.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("this lingua has no TrainingDataLanguageModel.fromJson(InputStream): "
                    + "the table identifier is written for lingua 1.2.2", e);
        }
    }
}
