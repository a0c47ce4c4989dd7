package org.metropolis.search.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;
import org.elasticsearch.plugin.analysis.CharFilterFactory;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.analysis.TokenizerFactory;
import org.junit.jupiter.api.Test;

/**
 * named_components.json is hand-written (Elastic's install-time scanner keys components by name
 * alone and loses the tokenizers that share a name with a token filter): check that it lists
 * exactly the compiled @NamedComponent classes, each under its extensible interface.
 */
class NamedComponentsFileTest {

    private static final Class<?>[] EXTENSIBLES = {
        TokenFilterFactory.class, TokenizerFactory.class, AnalyzerFactory.class, CharFilterFactory.class };

    @Test
    void fileListsEveryNamedComponent() throws Exception {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name);
                NamedComponent named = type.getAnnotation(NamedComponent.class);
                if (named == null) {
                    continue;
                }
                for (Class<?> extensible : EXTENSIBLES) {
                    if (extensible.isAssignableFrom(type)) {
                        expected.computeIfAbsent(extensible.getName(), k -> new TreeMap<>()).put(named.value(), type.getName());
                    }
                }
            }
        }
        assertEquals(expected, read(Path.of("src", "main", "plugin", "named_components.json")));
    }

    /** Reads the two-level {"interface": {"name": "class"}} JSON without a JSON library. */
    private static Map<String, Map<String, String>> read(Path path) throws IOException {
        String json = Files.readString(path);
        Map<String, Map<String, String>> result = new TreeMap<>();
        Matcher section = Pattern.compile("\"([\\w.]+)\"\\s*:\\s*\\{([^}]*)\\}").matcher(json);
        while (section.find()) {
            Map<String, String> entries = new TreeMap<>();
            Matcher entry = Pattern.compile("\"([\\w.]+)\"\\s*:\\s*\"([\\w.]+)\"").matcher(section.group(2));
            while (entry.find()) {
                entries.put(entry.group(1), entry.group(2));
            }
            result.put(section.group(1), entries);
        }
        return result;
    }
}
