package org.metropolis.search.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/** {@code english} analyzer: Lucene's EnglishAnalyzer, built as Elastic's EnglishAnalyzerProvider builds it. */
@NamedComponent("english")
public class EnglishAnalyzerFactory implements AnalyzerFactory {

    private final LanguageAnalyzerSettings settings;

    @Inject
    public EnglishAnalyzerFactory(LanguageAnalyzerSettings settings) {
        this.settings = settings;
    }

    @Override
    public Analyzer create() {
        return new EnglishAnalyzer(
            LanguageAnalyzerSettings.stopwords(settings, EnglishAnalyzer.getDefaultStopSet()),
            LanguageAnalyzerSettings.stemExclusion(settings)
        );
    }
}
