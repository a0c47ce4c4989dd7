package org.metropolis.search.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/** {@code french} analyzer: Lucene's FrenchAnalyzer, built as Elastic's FrenchAnalyzerProvider builds it. */
@NamedComponent("french")
public class FrenchAnalyzerFactory implements AnalyzerFactory {

    private final LanguageAnalyzerSettings settings;

    @Inject
    public FrenchAnalyzerFactory(LanguageAnalyzerSettings settings) {
        this.settings = settings;
    }

    @Override
    public Analyzer create() {
        return new FrenchAnalyzer(
            LanguageAnalyzerSettings.stopwords(settings, FrenchAnalyzer.getDefaultStopSet()),
            LanguageAnalyzerSettings.stemExclusion(settings)
        );
    }
}
