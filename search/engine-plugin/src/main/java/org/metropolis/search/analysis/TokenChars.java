package org.metropolis.search.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * The {@code token_chars} setting of the n-gram tokenizers, with Elastic's classes:
 * letter, digit, whitespace, punctuation, symbol, custom (+ {@code custom_token_chars}).
 * An empty list keeps every character (Elastic's default).
 */
final class TokenChars {
    private TokenChars() {}

    /** Returns null when every character is a token character. */
    static IntPredicate parse(List<String> tokenChars, String customTokenChars) {
        if (tokenChars.isEmpty()) {
            return null;
        }
        List<IntPredicate> matchers = new ArrayList<>();
        for (String raw : tokenChars) {
            String type = raw.toLowerCase(Locale.ROOT);
            switch (type) {
                case "letter" -> matchers.add(Character::isLetter);
                case "digit" -> matchers.add(Character::isDigit);
                case "whitespace" -> matchers.add(Character::isWhitespace);
                case "punctuation" -> matchers.add(c -> switch (Character.getType(c)) {
                    case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                        Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                        Character.FINAL_QUOTE_PUNCTUATION -> true;
                    default -> false;
                });
                case "symbol" -> matchers.add(c -> switch (Character.getType(c)) {
                    case Character.CURRENCY_SYMBOL, Character.MATH_SYMBOL, Character.OTHER_SYMBOL, Character.MODIFIER_SYMBOL -> true;
                    default -> false;
                });
                case "custom" -> {
                    if (customTokenChars.isEmpty()) {
                        throw new IllegalArgumentException("Token type: 'custom' requires setting `custom_token_chars`");
                    }
                    int[] custom = customTokenChars.codePoints().toArray();
                    matchers.add(c -> {
                        for (int x : custom) {
                            if (x == c) {
                                return true;
                            }
                        }
                        return false;
                    });
                }
                default -> throw new IllegalArgumentException(
                    "Unknown token type: '" + raw + "', must be one of [letter, digit, whitespace, punctuation, symbol, custom]"
                );
            }
        }
        return c -> {
            for (IntPredicate m : matchers) {
                if (m.test(c)) {
                    return true;
                }
            }
            return false;
        };
    }
}
