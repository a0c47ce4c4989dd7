"""Per-language analysis for the engine indexes: one index per locale, each with its own analyzer.

Text fields without an explicit analyzer use the index's `default` analyzer, so setting it per
locale gives every page the stemming, stop words and elision of its own language. Accent folding
comes last, so a visitor typing without accents still finds accented words.
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
