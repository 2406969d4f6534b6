package org.facecensus.label;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Enum constants as the lower-case words of the log and the API ({@code not_a_face}, {@code audit}).
 *
 * <p>Thread-safety: stateless.
 */
final class EnumWords {
    private EnumWords() {
    }

    static String word(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String word) {
        String wanted = word == null ? "" : word.strip();
        return Arrays.stream(type.getEnumConstants()).filter(c -> word(c).equalsIgnoreCase(wanted)).findFirst();
    }
}
