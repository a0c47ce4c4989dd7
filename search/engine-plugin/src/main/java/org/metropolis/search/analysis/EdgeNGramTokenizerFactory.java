package org.metropolis.search.analysis;

import java.util.List;
import java.util.function.IntPredicate;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.IntSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/**
 * {@code edge_ngram} tokenizer, as Elastic's EdgeNGramTokenizerFactory (min_gram 1, max_gram 2,
 * all chars). Wagtail also sends {@code "side": "front"}; Elastic ignores it for the tokenizer,
 * and so does this factory (unknown keys are not read).
 */
@NamedComponent("edge_ngram")
public class EdgeNGramTokenizerFactory implements TokenizerFactory {

    @AnalysisSettings
    public interface Settings {
        @IntSetting(path = "min_gram", defaultValue = 1)
        int minGram();

        @IntSetting(path = "max_gram", defaultValue = 2)
        int maxGram();

        @ListSetting(path = "token_chars")
        List<String> tokenChars();

        @StringSetting(path = "custom_token_chars", defaultValue = "")
        String customTokenChars();
    }

    private final int minGram;
    private final int maxGram;
    private final IntPredicate tokenChars;

    @Inject
    public EdgeNGramTokenizerFactory(Settings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        Grams.check("edge_ngram", minGram, maxGram);
        this.tokenChars = TokenChars.parse(settings.tokenChars(), settings.customTokenChars());
    }

    @Override
    public Tokenizer create() {
        if (tokenChars == null) {
            return new EdgeNGramTokenizer(minGram, maxGram);
        }
        return new EdgeNGramTokenizer(minGram, maxGram) {
            @Override
            protected boolean isTokenChar(int chr) {
                return tokenChars.test(chr);
            }
        };
    }
}
