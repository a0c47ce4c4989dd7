package org.metropolis.search.analysis;

/** Argument checks shared by the n-gram components (Lucene would throw later, less clearly). */
final class Grams {
    private Grams() {}

    static void check(String component, int minGram, int maxGram) {
        if (minGram < 1) {
            throw new IllegalArgumentException("[" + component + "] min_gram must be greater than 0, got " + minGram);
        }
        if (maxGram < minGram) {
            throw new IllegalArgumentException(
                "[" + component + "] min_gram [" + minGram + "] must not be greater than max_gram [" + maxGram + "]"
            );
        }
    }
}
