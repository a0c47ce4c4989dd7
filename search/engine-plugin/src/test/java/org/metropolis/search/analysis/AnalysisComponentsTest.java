package org.metropolis.search.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.junit.jupiter.api.Test;

class AnalysisComponentsTest {

    static final List<Class<?>> COMPONENTS = List.of(
        AsciiFoldingTokenFilterFactory.class,
        NGramTokenFilterFactory.class,
        EdgeNGramTokenFilterFactory.class,
        StemmerTokenFilterFactory.class,
        ElisionTokenFilterFactory.class,
        NGramTokenizerFactory.class,
        EdgeNGramTokenizerFactory.class,
        EnglishAnalyzerFactory.class,
        FrenchAnalyzerFactory.class,
        SpanishAnalyzerFactory.class
    );

    static List<String> terms(TokenStream stream) throws IOException {
        List<String> out = new ArrayList<>();
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        stream.reset();
        while (stream.incrementToken()) {
            out.add(term.toString());
        }
        stream.end();
        stream.close();
        return out;
    }

    /** standard tokenizer + lowercase + the filter, like a Wagtail custom analyzer. */
    static List<String> filter(TokenFilterFactory factory, String text) throws IOException {
        Tokenizer tokenizer = new StandardTokenizer();
        tokenizer.setReader(new StringReader(text));
        return terms(factory.create(new LowerCaseFilter(tokenizer)));
    }

    static List<String> tokenize(Tokenizer tokenizer, String text) throws IOException {
        tokenizer.setReader(new StringReader(text));
        return terms(tokenizer);
    }

    static List<String> analyze(Analyzer analyzer, String text) throws IOException {
        return terms(analyzer.tokenStream("f", text));
    }

    /** Elasticsearch may build any component with empty settings, so each must work with its defaults. */
    @Test
    void everyComponentBuildsWithEmptySettings() throws Exception {
        for (Class<?> component : COMPONENTS) {
            assertNotNull(component.getAnnotation(NamedComponent.class), component + " lacks @NamedComponent");
            Constructor<?>[] constructors = component.getConstructors();
            assertEquals(1, constructors.length, component + " must have one public constructor");
            Constructor<?> constructor = constructors[0];
            assertNotNull(constructor.getAnnotation(Inject.class), component + " constructor lacks @Inject");
            Object[] args = new Object[constructor.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                Class<?> type = constructor.getParameterTypes()[i];
                assertNotNull(type.getAnnotation(AnalysisSettings.class), type + " lacks @AnalysisSettings");
                for (Method m : type.getDeclaredMethods()) {
                    if (!m.isSynthetic() && !java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                        assertEquals(1, m.getAnnotations().length, m + " needs exactly one setting annotation");
                    }
                }
                args[i] = Settings.empty(type);
            }
            assertNotNull(constructor.newInstance(args));
        }
    }

    @Test
    void asciifolding() throws IOException {
        var f = new AsciiFoldingTokenFilterFactory(Settings.empty(AsciiFoldingTokenFilterFactory.Settings.class));
        assertEquals(List.of("bogota", "sao", "paulo"), filter(f, "Bogotá São Paulo"));
        var keep = new AsciiFoldingTokenFilterFactory(
            Settings.of(AsciiFoldingTokenFilterFactory.Settings.class, Map.of("preserve_original", true))
        );
        assertEquals(List.of("bogota", "bogotá"), filter(keep, "Bogotá"));
    }

    @Test
    void edgeNgramFilterAsWagtailConfiguresIt() throws IOException {
        var f = new EdgeNGramTokenFilterFactory(
            Settings.of(EdgeNGramTokenFilterFactory.Settings.class, Map.of("min_gram", 1, "max_gram", 15))
        );
        assertEquals(List.of("m", "me", "met", "metr", "metro"), filter(f, "Metro"));
        var defaults = new EdgeNGramTokenFilterFactory(Settings.empty(EdgeNGramTokenFilterFactory.Settings.class));
        assertEquals(List.of("m", "me"), filter(defaults, "Metro"));
        var back = new EdgeNGramTokenFilterFactory(Settings.of(EdgeNGramTokenFilterFactory.Settings.class, Map.of("side", "back")));
        assertEquals(List.of("o", "ro"), filter(back, "Metro"));
    }

    @Test
    void ngramFilterAsWagtailConfiguresIt() throws IOException {
        var f = new NGramTokenFilterFactory(Settings.of(NGramTokenFilterFactory.Settings.class, Map.of("min_gram", 3, "max_gram", 15)));
        assertEquals(List.of("met", "metr", "metro", "etr", "etro", "tro"), filter(f, "Metro"));
        assertThrows(
            IllegalArgumentException.class,
            () -> new NGramTokenFilterFactory(Settings.of(NGramTokenFilterFactory.Settings.class, Map.of("min_gram", 3, "max_gram", 2)))
        );
    }

    @Test
    void ngramTokenizers() throws IOException {
        var ngram = new NGramTokenizerFactory(Settings.empty(NGramTokenizerFactory.Settings.class));
        assertEquals(List.of("a", "ab", "b", "bc", "c"), tokenize(ngram.create(), "abc"));
        var edge = new EdgeNGramTokenizerFactory(
            Settings.of(
                EdgeNGramTokenizerFactory.Settings.class,
                Map.of("min_gram", 2, "max_gram", 15, "token_chars", List.of("letter", "digit"))
            )
        );
        assertEquals(List.of("qu", "qui", "quic", "quick", "fo", "fox"), tokenize(edge.create(), "quick fox"));
        assertThrows(
            IllegalArgumentException.class,
            () -> new EdgeNGramTokenizerFactory(Settings.of(EdgeNGramTokenizerFactory.Settings.class, Map.of("token_chars", List.of("nope"))))
        );
    }

    @Test
    void stemmer() throws IOException {
        assertEquals(List.of("run", "flood"), filter(stemmer(""), "running floods"));
        assertEquals(List.of("inond"), filter(stemmer("french"), "inondations"));
        assertEquals(List.of("inond"), filter(stemmer("light_french"), "inondations"));
        assertEquals(List.of("inondation"), filter(stemmer("minimal_french"), "inondations"));
        assertEquals(List.of("inund"), filter(stemmer("spanish"), "inundaciones"));
        assertEquals(List.of("flood"), filter(stemmer("minimal_english"), "floods"));
        assertEquals(List.of("flood"), filter(stemmer("lightEnglish"), "floods"));
        assertThrows(IllegalArgumentException.class, () -> stemmer("klingon"));
    }

    private static StemmerTokenFilterFactory stemmer(String language) {
        return new StemmerTokenFilterFactory(Settings.of(StemmerTokenFilterFactory.Settings.class, Map.of("language", language)));
    }

    @Test
    void elision() throws IOException {
        var builtin = new ElisionTokenFilterFactory(Settings.empty(ElisionTokenFilterFactory.Settings.class));
        Tokenizer t = new StandardTokenizer();
        t.setReader(new StringReader("L'eau jusqu'ici"));
        assertEquals(List.of("eau", "ici"), terms(builtin.create(t)));
        var custom = new ElisionTokenFilterFactory(Settings.of(ElisionTokenFilterFactory.Settings.class, Map.of("articles", List.of("l"))));
        t = new StandardTokenizer();
        t.setReader(new StringReader("L'eau l'air"));
        assertEquals(List.of("L'eau", "air"), terms(custom.create(t)), "custom articles are case-sensitive by default, as in Elastic");
    }

    @Test
    void languageAnalyzers() throws IOException {
        var fr = new FrenchAnalyzerFactory(Settings.empty(LanguageAnalyzerSettings.class)).create();
        assertEquals(List.of("inond", "eau"), analyze(fr, "Les inondations de l'eau"));
        var en = new EnglishAnalyzerFactory(Settings.empty(LanguageAnalyzerSettings.class)).create();
        assertEquals(List.of("flood", "citi"), analyze(en, "The floods of the cities"));
        var es = new SpanishAnalyzerFactory(Settings.empty(LanguageAnalyzerSettings.class)).create();
        // Lucene's SpanishAnalyzer uses the light Spanish stemmer.
        assertEquals(List.of("inundacion", "bogot"), analyze(es, "Las inundaciones de Bogotá"));
        var none = new EnglishAnalyzerFactory(Settings.of(LanguageAnalyzerSettings.class, Map.of("stopwords", List.of("_none_")))).create();
        assertEquals(List.of("the", "flood"), analyze(none, "The floods"));
    }
}
