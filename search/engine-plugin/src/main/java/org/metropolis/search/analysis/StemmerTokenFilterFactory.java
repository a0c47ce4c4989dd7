package org.metropolis.search.analysis;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.es.SpanishPluralStemFilter;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanMinimalStemFilter;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.EmptyTokenStream;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.pt.PortugueseMinimalStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

/**
 * {@code stemmer} token filter: the same language to Lucene-class mapping as Elastic's
 * StemmerTokenFilterFactory, for the languages Metropolis may use (English, French, Spanish, and
 * German, Italian, Portuguese, Dutch for good measure). An unknown language fails index creation,
 * as it does in Elastic.
 */
@NamedComponent("stemmer")
public class StemmerTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        /** Elastic's default is "porter", which is the same Lucene filter as "english". */
        @StringSetting(path = "language", defaultValue = "")
        String language();

        /** Elastic accepts "name" as an alias of "language". */
        @StringSetting(path = "name", defaultValue = "")
        String name();
    }

    private static final Map<String, Function<TokenStream, TokenStream>> STEMMERS = Map.ofEntries(
        // English
        Map.entry("english", PorterStemFilter::new),
        Map.entry("porter", PorterStemFilter::new),
        Map.entry("porter2", ts -> new SnowballFilter(ts, new EnglishStemmer())),
        Map.entry("light_english", KStemFilter::new),
        Map.entry("lightenglish", KStemFilter::new),
        Map.entry("kstem", KStemFilter::new),
        Map.entry("minimal_english", EnglishMinimalStemFilter::new),
        Map.entry("minimalenglish", EnglishMinimalStemFilter::new),
        Map.entry("possessive_english", EnglishPossessiveFilter::new),
        Map.entry("possessiveenglish", EnglishPossessiveFilter::new),
        // French
        Map.entry("french", ts -> new SnowballFilter(ts, new FrenchStemmer())),
        Map.entry("light_french", FrenchLightStemFilter::new),
        Map.entry("lightfrench", FrenchLightStemFilter::new),
        Map.entry("minimal_french", FrenchMinimalStemFilter::new),
        Map.entry("minimalfrench", FrenchMinimalStemFilter::new),
        // Spanish
        Map.entry("spanish", ts -> new SnowballFilter(ts, new SpanishStemmer())),
        Map.entry("light_spanish", SpanishLightStemFilter::new),
        Map.entry("lightspanish", SpanishLightStemFilter::new),
        Map.entry("spanish_plural", SpanishPluralStemFilter::new),
        // German
        Map.entry("german", ts -> new SnowballFilter(ts, new GermanStemmer())),
        Map.entry("light_german", GermanLightStemFilter::new),
        Map.entry("lightgerman", GermanLightStemFilter::new),
        Map.entry("minimal_german", GermanMinimalStemFilter::new),
        Map.entry("minimalgerman", GermanMinimalStemFilter::new),
        // Italian
        Map.entry("italian", ts -> new SnowballFilter(ts, new ItalianStemmer())),
        Map.entry("light_italian", ItalianLightStemFilter::new),
        Map.entry("lightitalian", ItalianLightStemFilter::new),
        // Portuguese
        Map.entry("portuguese", ts -> new SnowballFilter(ts, new PortugueseStemmer())),
        Map.entry("light_portuguese", PortugueseLightStemFilter::new),
        Map.entry("lightportuguese", PortugueseLightStemFilter::new),
        Map.entry("minimal_portuguese", PortugueseMinimalStemFilter::new),
        Map.entry("minimalportuguese", PortugueseMinimalStemFilter::new),
        // Dutch
        Map.entry("dutch", ts -> new SnowballFilter(ts, new DutchStemmer()))
    );

    private final String language;
    private final Function<TokenStream, TokenStream> stemmer;

    @Inject
    public StemmerTokenFilterFactory(Settings settings) {
        String configured = settings.language().isEmpty() ? settings.name() : settings.language();
        this.language = configured.isEmpty() ? "porter" : configured;
        // Elastic compares case-insensitively ("lightEnglish" and "light_english" both work).
        this.stemmer = STEMMERS.get(language.toLowerCase(Locale.ROOT));
        if (stemmer == null) {
            throw new IllegalArgumentException(
                "Unknown stemmer language [" + language + "] (supported here: " + new java.util.TreeSet<>(STEMMERS.keySet()) + ")"
            );
        }
        // Fail now rather than at first use, as Elastic does.
        stemmer.apply(new EmptyTokenStream());
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return stemmer.apply(tokenStream);
    }
}
