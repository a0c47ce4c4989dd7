package org.metropolis.search.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;

/**
 * Settings of the language analyzers, as in Elastic: {@code stopwords} (a list, or a predefined
 * list such as {@code _english_}, or {@code _none_}), {@code ignore_case}, {@code stem_exclusion}.
 */
@AnalysisSettings
public interface LanguageAnalyzerSettings {
    @ListSetting(path = "stopwords")
    List<String> stopwords();

    @BooleanSetting(path = "ignore_case", defaultValue = false)
    boolean ignoreCase();

    @ListSetting(path = "stem_exclusion")
    List<String> stemExclusion();

    /** The stop set to use, {@code defaults} when none is configured. */
    static CharArraySet stopwords(LanguageAnalyzerSettings settings, CharArraySet defaults) {
        List<String> words = settings.stopwords();
        if (words.isEmpty()) {
            return defaults;
        }
        if (words.size() == 1 && "_none_".equals(words.get(0))) {
            return CharArraySet.EMPTY_SET;
        }
        Map<String, CharArraySet> named = Map.of(
            "_english_", EnglishAnalyzer.ENGLISH_STOP_WORDS_SET,
            "_french_", FrenchAnalyzer.getDefaultStopSet(),
            "_spanish_", SpanishAnalyzer.getDefaultStopSet()
        );
        List<Object> resolved = new ArrayList<>();
        for (String word : words) {
            CharArraySet set = named.get(word);
            if (set != null) {
                resolved.addAll(set);
            } else {
                resolved.add(word);
            }
        }
        return new CharArraySet(resolved, settings.ignoreCase());
    }

    static CharArraySet stemExclusion(LanguageAnalyzerSettings settings) {
        List<String> words = settings.stemExclusion();
        if (words.isEmpty() || (words.size() == 1 && "_none_".equals(words.get(0)))) {
            return CharArraySet.EMPTY_SET;
        }
        return new CharArraySet(words, false);
    }
}
