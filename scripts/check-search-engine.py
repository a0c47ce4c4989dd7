#!/usr/bin/env python3
"""Check that a running Elasticsearch/OpenSearch server analyses text the way Metropolis needs.

    scripts/check-search-engine.py http://127.0.0.1:9200 [--verbose]

Creates a throw-away index with the analysis settings Wagtail's search backends send
(modelsearch ElasticsearchBaseSearchBackend.settings: asciifolding, ngram, edge_ngram
filters and tokenizers, index.max_ngram_diff) plus the language components (stemmer,
elision, english/french/spanish analyzers), runs `_analyze` requests, compares the tokens
with what Elastic's analysis-common module produces, and deletes the index. Standard library
only, so it runs wherever python3 does. Exit status 0 when every check passes.
"""

import json
import sys
import urllib.error
import urllib.request

INDEX = "metropolis-analysis-check"

# Wagtail 8 (modelsearch 1.x) index settings, verbatim, plus language-aware components.
SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                "ngram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["asciifolding", "lowercase", "ngram"],
                },
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["asciifolding", "lowercase", "edgengram"],
                },
                "elision_only": {"type": "custom", "tokenizer": "standard", "filter": ["elision"]},
                "french_light": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["elision", "lowercase", "asciifolding", "french_stemmer"],
                },
            },
            "tokenizer": {
                "ngram_tokenizer": {"type": "ngram", "min_gram": 3, "max_gram": 15},
                "edgengram_tokenizer": {
                    "type": "edge_ngram",
                    "min_gram": 2,
                    "max_gram": 15,
                    "side": "front",
                },
            },
            "filter": {
                "ngram": {"type": "ngram", "min_gram": 3, "max_gram": 15},
                "edgengram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 15},
                "french_stemmer": {"type": "stemmer", "language": "light_french"},
                "english_stemmer": {"type": "stemmer", "language": "english"},
                "spanish_stemmer": {"type": "stemmer", "language": "light_spanish"},
                "custom_elision": {
                    "type": "elision",
                    "articles": ["l", "d"],
                    "articles_case": True,
                },
            },
        },
        "index": {"max_ngram_diff": 12, "number_of_replicas": 0},
    }
}

# (request body for POST /INDEX/_analyze, expected tokens)
CHECKS = [
    ({"analyzer": "french", "text": "Les inondations"}, ["inond"]),
    ({"analyzer": "french", "text": "l'eau de la ville"}, ["eau", "vile"]),
    ({"analyzer": "english", "text": "The floods are running"}, ["flood", "run"]),
    ({"analyzer": "spanish", "text": "Las inundaciones de Bogotá"}, ["inundacion", "bogot"]),
    ({"analyzer": "elision_only", "text": "L'eau jusqu'ici"}, ["eau", "ici"]),
    (
        {"tokenizer": "standard", "filter": ["custom_elision"], "text": "L'eau d'ici"},
        ["eau", "ici"],
    ),
    (
        {"tokenizer": "standard", "filter": ["lowercase", "asciifolding"], "text": "Bogotá São"},
        ["bogota", "sao"],
    ),
    (
        {"tokenizer": "standard", "filter": ["lowercase", "english_stemmer"], "text": "floods"},
        ["flood"],
    ),
    (
        {"tokenizer": "standard", "filter": ["lowercase", "spanish_stemmer"], "text": "ciudades"},
        ["ciudad"],
    ),
    (
        {
            "tokenizer": "standard",
            "filter": [{"type": "stemmer", "language": "minimal_english"}],
            "text": "cities",
        },
        ["city"],
    ),
    ({"analyzer": "french_light", "text": "L'Hôpital"}, ["hopital"]),
    (
        {"analyzer": "edgengram_analyzer", "text": "Bogotá"},
        ["b", "bo", "bog", "bogo", "bogot", "bogota"],
    ),
    (
        {"analyzer": "ngram_analyzer", "text": "Metro"},
        ["met", "metr", "metro", "etr", "etro", "tro"],
    ),
    ({"tokenizer": "edgengram_tokenizer", "text": "Metro"}, ["Me", "Met", "Metr", "Metro"]),
    (
        {"tokenizer": "ngram_tokenizer", "text": "Metro"},
        ["Met", "Metr", "Metro", "etr", "etro", "tro"],
    ),
    (
        {
            "tokenizer": {
                "type": "edge_ngram",
                "min_gram": 2,
                "max_gram": 4,
                "token_chars": ["letter"],
            },
            "text": "Le métro",
        },
        ["Le", "mé", "mét", "métr"],
    ),
]


def request(method, url, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    base = sys.argv[1].rstrip("/")
    verbose = "--verbose" in sys.argv
    request("DELETE", f"{base}/{INDEX}")
    status, body = request("PUT", f"{base}/{INDEX}", SETTINGS)
    if status != 200:
        print(f"FAIL creating index with Wagtail's analysis settings: {status} {json.dumps(body)}")
        return 1
    failures = 0
    try:
        for query, expected in CHECKS:
            status, body = request("POST", f"{base}/{INDEX}/_analyze", query)
            tokens = [t["token"] for t in body.get("tokens", [])] if status == 200 else body
            ok = tokens == expected
            failures += not ok
            if verbose or not ok:
                label = "ok  " if ok else "FAIL"
                print(
                    f"{label} {json.dumps(query, ensure_ascii=False)} -> {json.dumps(tokens, ensure_ascii=False)}"
                    + ("" if ok else f" (expected {json.dumps(expected, ensure_ascii=False)})")
                )
    finally:
        request("DELETE", f"{base}/{INDEX}")
    print(f"{len(CHECKS) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
