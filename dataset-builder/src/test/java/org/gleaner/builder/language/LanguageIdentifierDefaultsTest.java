package org.gleaner.builder.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a build uses and records when nothing else is asked for. */
class LanguageIdentifierDefaultsTest {

    @Test
    void theDefaultIsTheTableScorerOverLinguasModelsOnTheDefaultSettings() {
        LanguageIdentifier identifier = LanguageIdentifier.defaults();
        assertThat(identifier).isInstanceOf(TableLanguageIdentifier.class);
        assertThat(identifier.name()).isEqualTo("lingua-1.2.2-models/table");
        assertThat(identifier.settings()).isEqualTo(LanguageSettings.defaults());
        assertThat(identifier.identify("The council approved the new budget on Tuesday after a long debate.").code())
                .isEqualTo("en");
    }

    @Test
    void linguaKeepsItsNameAndNoneHasNoSettings() {
        assertThat(new LinguaLanguageIdentifier(LanguageSettings.defaults()).name()).isEqualTo("lingua");
        assertThat(LanguageIdentifier.NONE.settings()).isNull();
    }

    @Test
    void identifiersOfTheSameLanguagesShareOneTable() {
        TableLanguageIdentifier a = new TableLanguageIdentifier(LanguageSettings.defaults());
        TableLanguageIdentifier b = new TableLanguageIdentifier(LanguageSettings.defaults());
        assertThat(a.tableHeapBytes()).isPositive();
        assertThat(a.sharesTableWith(b)).isTrue();
    }
}
