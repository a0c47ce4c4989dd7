package org.metropolis.search.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/** {@code edge_ngram} token filter, as Elastic's EdgeNGramTokenFilterFactory (min_gram 1, max_gram 2, side front). */
@NamedComponent("edge_ngram")
public class EdgeNGramTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @IntSetting(path = "min_gram", defaultValue = 1)
        int minGram();

        @IntSetting(path = "max_gram", defaultValue = 2)
        int maxGram();

        @BooleanSetting(path = "preserve_original", defaultValue = false)
        boolean preserveOriginal();

        /** Deprecated by Elastic but still accepted: "back" builds grams from the end of the token. */
        @StringSetting(path = "side", defaultValue = "front")
        String side();
    }

    private final int minGram;
    private final int maxGram;
    private final boolean preserveOriginal;
    private final boolean back;

    @Inject
    public EdgeNGramTokenFilterFactory(Settings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        this.preserveOriginal = settings.preserveOriginal();
        this.back = parseSide(settings.side());
        Grams.check("edge_ngram", minGram, maxGram);
    }

    static boolean parseSide(String side) {
        if ("front".equals(side)) {
            return false;
        }
        if ("back".equals(side)) {
            return true;
        }
        throw new IllegalArgumentException("invalid side: [" + side + "]");
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        TokenStream result = tokenStream;
        if (back) {
            result = new ReverseStringFilter(result);
        }
        result = new EdgeNGramTokenFilter(result, minGram, maxGram, preserveOriginal);
        if (back) {
            result = new ReverseStringFilter(result);
        }
        return result;
    }
}
