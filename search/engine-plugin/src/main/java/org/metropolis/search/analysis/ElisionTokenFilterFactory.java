package org.metropolis.search.analysis;

import java.util.List;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/**
 * {@code elision}: "l'eau" becomes "eau".
 *
 * <p>Elastic has two flavours and this factory reproduces both:
 * <ul>
 *   <li>named directly ({@code "filter": ["elision"]}, so no settings): Lucene's French articles
 *       (l, m, t, qu, n, s, j, d, c, jusqu, quoiqu, lorsqu, puisqu), case-insensitive;</li>
 *   <li>configured ({@code {"type": "elision", "articles": [...]}}): those articles,
 *       case-sensitive unless {@code "articles_case": true}.</li>
 * </ul>
 * (Elastic rejects a configured elision filter without articles; here it falls back to the
 * French list, since a stable component cannot tell "named directly" from "configured empty".)
 */
@NamedComponent("elision")
public class ElisionTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @ListSetting(path = "articles")
        List<String> articles();

        /** "true"/"false"; empty means Elastic's default for the case above. */
        @StringSetting(path = "articles_case", defaultValue = "")
        String articlesCase();
    }

    private final CharArraySet articles;

    @Inject
    public ElisionTokenFilterFactory(Settings settings) {
        List<String> configured = settings.articles();
        String articlesCase = settings.articlesCase();
        if (configured.isEmpty()) {
            this.articles = articlesCase.isEmpty() || parseBoolean(articlesCase)
                ? FrenchAnalyzer.DEFAULT_ARTICLES
                : new CharArraySet(FrenchAnalyzer.DEFAULT_ARTICLES, false);
        } else {
            boolean ignoreCase = articlesCase.isEmpty() ? false : parseBoolean(articlesCase);
            this.articles = CharArraySet.unmodifiableSet(new CharArraySet(configured, ignoreCase));
        }
    }

    private static boolean parseBoolean(String value) {
        if ("true".equals(value)) {
            return true;
        }
        if ("false".equals(value)) {
            return false;
        }
        throw new IllegalArgumentException("[articles_case] must be [true] or [false] but was [" + value + "]");
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ElisionFilter(tokenStream, articles);
    }

    /** Elision also applies to normalizers and multi-term queries, as in Elastic. */
    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return new ElisionFilter(tokenStream, articles);
    }
}
