"""Per-language analysis, in one place for every backend.

Engines (Elasticsearch, OpenSearch): one index per locale, each with its own analyzer. Text fields
without an explicit analyzer use the index's `default` analyzer, so setting it per locale gives
every page the stemming, stop words and elision of its own language. Accent folding comes last, so
a visitor typing without accents still finds accented words.

The database backend on PostgreSQL: one text-search configuration per language
(TEXT_SEARCH_CONFIGS), used to index each page in its locale's language and to search in the
visitor's (search/backends/database.py). SQLite's FTS5 has one tokenizer for every language.
"""

import re

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


# Autocomplete (Wagtail's `_edgengrams` field) --------------------------------------------------
#
# Wagtail indexes autocomplete text as edge n-grams ("ener", "energ", …) and analyses the query
# with the engine's `standard` analyzer, which keeps accents and elisions while the n-grams are
# folded: "énergie" and "l'eau" found nothing. Here both sides use the language's own filters
# (elision, lower case, accent folding; search/backends/engines.py names the query analyzer in the
# mapping), and a sub-field, `_edgengrams.stemmed`, holds the words' stems as the search analysis
# makes them, searched with the stemmed query, so "énergies" finds "énergie". A page matches
# through either: the plain n-grams for words typed half-way, the stems for whole words. (The
# stems are not cut into n-grams: a stem's beginning is not a word's, and "énergie", stemmed
# "energ", would find "énergétique".)
AUTOCOMPLETE_INDEX = "edgengram_analyzer"  # Wagtail's name, used by its mapping
AUTOCOMPLETE_QUERY = "autocomplete_query"
AUTOCOMPLETE_STEMMED = "autocomplete_stemmed"  # both sides of the stemmed sub-field
EDGE_NGRAM = {"type": "edge_ngram", "min_gram": 1, "max_gram": 15}


def _language_filters(language_code: str | None) -> list[str]:
    return ANALYZERS.get(language_code or "", FALLBACK_ANALYZER)["filter"]


def autocomplete_analyzers(language_code: str | None) -> dict[str, dict]:
    """The autocomplete analyzers of a language's index (or, with None, of the site-wide one): its
    search filters without stop words, with and without stemming, and edge n-grams of the plain
    words on the index side. Stop words stay: a visitor typing "de" may be half-way through
    "déchets"."""
    filters = [name for name in _language_filters(language_code) if not name.endswith("_stop")]
    plain = [name for name in filters if not name.endswith("_stemmer")]

    def custom(names):
        return {"type": "custom", "tokenizer": "standard", "filter": names}

    return {
        AUTOCOMPLETE_INDEX: custom([*plain, "autocomplete_edgengram"]),
        AUTOCOMPLETE_QUERY: custom(plain),
        AUTOCOMPLETE_STEMMED: custom(filters),
    }


def analysis_settings(language_code: str | None) -> dict:
    """The index's `analysis` settings: with a language, its `default` analyzer; always the
    autocomplete analyzers and every filter they use."""
    analyzers = autocomplete_analyzers(language_code)
    if language_code is not None:
        analyzers["default"] = {
            "type": "custom",
            "tokenizer": "standard",
            "filter": _language_filters(language_code),
        }
    names = {name for analyzer in analyzers.values() for name in analyzer["filter"]}
    used = {name: FILTERS[name] for name in names if name in FILTERS}
    used["autocomplete_edgengram"] = EDGE_NGRAM
    return {"analyzer": analyzers, "filter": used}


def index_settings(language_code: str) -> dict:
    return {"settings": {"analysis": analysis_settings(language_code)}}


# French elided articles as the query side of the database backends sees them: SQLite's and
# PostgreSQL's tokenizers split "l'eau" into "l" and "eau", and the "l" would have to prefix a word
# of the page too. The engines' elision filter does this for them.
ELIDED = "|".join(FILTERS["french_elision"]["articles"])
ELISION = re.compile(rf"\b(?:{ELIDED})['’]", re.IGNORECASE)


def strip_elisions(text: str, language_code: str | None) -> str:
    """`text` without French elided articles ("l'eau" → "eau"), in French; unchanged otherwise."""
    if (language_code or "").split("-")[0] != "fr":
        return text
    return ELISION.sub("", text)


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
