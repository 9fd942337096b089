package org.gleaner.builder.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random text for equivalence tests: words of the hand-written examples, mixed across languages, and
 * made-up words in many scripts (Latin with diacritics, Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai, Han,
 * kana, Hangul), with digits, punctuation and runs of white space, from one char to well past the sample size.
 */
final class GeneratedText {
    private static final String[] ALPHABETS = {
        "abcdefghijklmnopqrstuvwxyz", "abcdeéèêëàâäôöüûùçñíóúáãõœßøåæıİşğţăîąęłńśźżčřšžůýěőű",
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ", "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώ", "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
        "אבגדהוזחטיכלמנסעפצקרשת", "कखगघचछजझटठडढणतथदधनपफबभमयरलवशषसहािीुूेैोौं", "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอะาิีึืุูเแโใไ",
        "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年", "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん",
        "가나다라마바사아자차카타파하고노도로모보소오조초코토포호"
    };
    private static final String[] SEPARATORS = {" ", " ", " ", "  ", ", ", ". ", "\n", " - ", "! ", " 42 ", "(", ") "};

    private final Random random;
    private final List<String> words;

    GeneratedText(Random random, List<String> sentences) {
        this.random = random;
        this.words = new ArrayList<>();
        for (String sentence : sentences) {
            for (String word : sentence.split("\\s+")) {
                if (!word.isBlank()) {
                    words.add(word);
                }
            }
        }
    }

    String next() {
        int kind = random.nextInt(10);
        int length = switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(4);
            case 1 -> 2 + random.nextInt(15);
            case 2 -> 10 + random.nextInt(60);
            default -> 60 + random.nextInt(200);
        };
        StringBuilder text = new StringBuilder();
        String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
            }
            if (kind < 6) {
                text.append(words.get(random.nextInt(words.size())));
            } else if (kind < 9) {
                text.append(madeUpWord(alphabet));
            } else {
                text.append(madeUpWord(ALPHABETS[random.nextInt(ALPHABETS.length)]));
            }
        }
        return text.toString();
    }

    private String madeUpWord(String alphabet) {
        int length = 1 + random.nextInt(9);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return random.nextInt(8) == 0 ? word.substring(0, 1).toUpperCase() + word.substring(1) : word.toString();
    }
}
