package org.metropolis.search.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/** {@code spanish} analyzer: Lucene's SpanishAnalyzer, built as Elastic's SpanishAnalyzerProvider builds it. */
@NamedComponent("spanish")
public class SpanishAnalyzerFactory implements AnalyzerFactory {

    private final LanguageAnalyzerSettings settings;

    @Inject
    public SpanishAnalyzerFactory(LanguageAnalyzerSettings settings) {
        this.settings = settings;
    }

    @Override
    public Analyzer create() {
        return new SpanishAnalyzer(
            LanguageAnalyzerSettings.stopwords(settings, SpanishAnalyzer.getDefaultStopSet()),
            LanguageAnalyzerSettings.stemExclusion(settings)
        );
    }
}
