"""Per-language analysis, in one place for every backend.

Engines (Elasticsearch, OpenSearch): one index per locale, each with its own analyzer. Text fields
without an explicit analyzer use the index's `default` analyzer, so setting it per locale gives
every page the stemming, stop words and elision of its own language. Accent folding comes last, so
a visitor typing without accents still finds accented words.

The database backend on PostgreSQL: one text-search configuration per language
(TEXT_SEARCH_CONFIGS), used to index each page in its locale's language and to search in the
visitor's (search/backends/database.py). SQLite's FTS5 has one tokenizer for every language.
"""

ANALYZERS = {
    "en": {
        "filter": ["lowercase", "english_stop", "english_stemmer", "asciifolding"],
    },
    "fr": {
        "filter": ["french_elision", "lowercase", "french_stop", "french_stemmer", "asciifolding"],
    },
    "es": {
        "filter": ["lowercase", "spanish_stop", "spanish_stemmer", "asciifolding"],
    },
}
# Any other language: standard tokenising, lower case and accent folding, no stemming.
FALLBACK_ANALYZER = {"filter": ["lowercase", "asciifolding"]}

FILTERS = {
    "english_stop": {"type": "stop", "stopwords": "_english_"},
    "english_stemmer": {"type": "stemmer", "language": "english"},
    "french_elision": {
        "type": "elision",
        "articles_case": True,
        "articles": [
            "l",
            "m",
            "t",
            "qu",
            "n",
            "s",
            "j",
            "d",
            "c",
            "jusqu",
            "quoiqu",
            "lorsqu",
            "puisqu",
        ],
    },
    "french_stop": {"type": "stop", "stopwords": "_french_"},
    "french_stemmer": {"type": "stemmer", "language": "light_french"},
    "spanish_stop": {"type": "stop", "stopwords": "_spanish_"},
    "spanish_stemmer": {"type": "stemmer", "language": "light_spanish"},
}


def index_settings(language_code: str) -> dict:
    analyzer = {
        "type": "custom",
        "tokenizer": "standard",
        **ANALYZERS.get(language_code, FALLBACK_ANALYZER),
    }
    used = {name: FILTERS[name] for name in analyzer["filter"] if name in FILTERS}
    return {"settings": {"analysis": {"analyzer": {"default": analyzer}, "filter": used}}}


# PostgreSQL's built-in text-search configuration for each language (`SELECT cfgname FROM
# pg_ts_config` lists them: danish … turkish). A new language is one entry here; any other
# language gets `simple` (lower case, no stemming, no stop words). Each is used through its
# accent-folding copy, `metropolis_<name>` (unaccent, then the language's dictionary), which
# `migrate` creates (search/backends/database.py).
TEXT_SEARCH_CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
FALLBACK_TEXT_SEARCH_CONFIG = "simple"
TEXT_SEARCH_CONFIG_PREFIX = "metropolis_"


def text_search_config(language_code: str | None) -> str:
    """The PostgreSQL text-search configuration for a language code ("pt-br" falls back to "pt")."""
    code = (language_code or "").lower()
    base = TEXT_SEARCH_CONFIGS.get(code) or TEXT_SEARCH_CONFIGS.get(code.split("-")[0])
    return TEXT_SEARCH_CONFIG_PREFIX + (base or FALLBACK_TEXT_SEARCH_CONFIG)


def text_search_configs() -> dict[str, str]:
    """Every configuration the backend uses, by name, with the built-in one it copies."""
    bases = [*TEXT_SEARCH_CONFIGS.values(), FALLBACK_TEXT_SEARCH_CONFIG]
    return {TEXT_SEARCH_CONFIG_PREFIX + base: base for base in bases}
