"""Wagtail's SQLite FTS5 backend, with rebuilds written in bulk and a ranking in one statement.

Wagtail's SQLite index writes a chunk of objects by updating each already-indexed one with its
own UPDATE (which the FTS5 triggers turn into a delete and an insert), reads every search field
three times (once each for the title, the body and the autocomplete text), and recomputes the
title norms after every chunk. A rebuild of 50,000 pages over an existing index spent most of its
time there.

During a rebuild, this index writes each chunk as one DELETE of its objects' old entries and one
bulk INSERT, reads each object's fields once, and leaves the title norms to the end of the
rebuild, where Wagtail's rebuilder recomputes them for the whole table anyway. The entries written
are the same as Wagtail's. Single-page updates (a page published) keep Wagtail's code.

Wagtail's search ranks by computing each matching page's score in a subquery run once per page,
which took minutes for a broad query at 50,000 case studies. `ranked_ids` asks FTS5 for the best
few ids in one statement, ordered as Wagtail orders them (bm25, then the newest id first), and
`matching_ids` for any few matches, unranked (search/bounded.py uses both).
"""

from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchAtomicRebuilder,
    SQLiteSearchBackend,
    SQLiteSearchRebuilder,
)
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks


class OnePassIndexer(ObjectIndexer):
    @cached_property
    def texts(self) -> tuple[str, str, str]:
        """(title, autocomplete, body), as ObjectIndexer's three properties give them."""
        title, autocomplete, body = [], [], []
        for field in self.search_fields:
            for current_field, value in self.prepare_field(self.obj, field):
                if isinstance(current_field, AutocompleteField):
                    autocomplete.append(value)
                elif isinstance(current_field, SearchField):
                    (title if current_field.field_name == "title" else body).append(value)
        return " ".join(title), " ".join(autocomplete), " ".join(body)


class BulkRebuildSQLiteIndex(SQLiteIndex):
    rebuilding = False  # set by the rebuilders below, on the index instance they hand out

    def add_items(self, model, objs):
        if not self.rebuilding:
            return super().add_items(model, objs)
        if not model.get_search_fields():
            return
        texts = {}
        for obj in objs:
            indexer = OnePassIndexer(obj, self.backend)
            texts[indexer.id] = indexer.texts
        if not texts:
            return
        content_type_pk = get_content_type_pk(model)
        stale = self.entries.filter(content_type_id=content_type_pk, object_id__in=list(texts))
        # One DELETE, whose trigger clears the FTS rows too. Django has no public way to say it:
        # QuerySet.delete() follows the FTS table's cascade and reads and deletes every stale
        # entry by id first. search/tests/test_engine_api.py fails if `_raw_delete` changes.
        stale._raw_delete(using=self.write_connection.alias)
        self.entries.bulk_create(
            self.entries.model(
                content_type_id=content_type_pk,
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in texts.items()
        )


class BulkRebuildMixin:
    def start(self):
        index = super().start()
        index.rebuilding = True
        return index

    def finish(self):
        self.index.rebuilding = False
        super().finish()  # computes every entry's title norm


class BulkSQLiteRebuilder(BulkRebuildMixin, SQLiteSearchRebuilder):
    pass


class BulkSQLiteAtomicRebuilder(BulkRebuildMixin, SQLiteSearchAtomicRebuilder):
    pass


class BulkRebuildSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = BulkRebuildSQLiteIndex
    rebuilder_class = BulkSQLiteRebuilder
    atomic_rebuilder_class = BulkSQLiteAtomicRebuilder

    def _matches(self, terms: str, queryset):
        """The index entries of `queryset`'s objects matching every term, each with the score
        Wagtail ranks by, as Wagtail's query compiler builds both; None for a query that matches
        on nothing (no terms)."""
        compiler = self.search(terms, queryset, operator="and").query_compiler
        query = normalize(compiler.query)
        if isinstance(query, (MatchAll, Not)):
            return None
        config = compiler.get_config(self)
        match = compiler.build_search_query(query, config=config)
        # Private, and needed: the score is bm25 weighted by each entry's title norm, which only
        # this method puts together. search/tests/test_bounded.py checks that the order found
        # here is still Wagtail's own.
        score = compiler._build_rank_expression(compiler.get_search_vectors(), config)
        return (
            SQLiteFTSIndexEntry.objects.filter(
                MatchExpression(compiler.fields or compiler.FTS_TABLE_FIELDS, match)
            )
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(queryset.model),
                index_entry__object_id__in=queryset.values("pk"),
            )
            .annotate(score=score)
        )

    def ranked_ids(self, terms: str, queryset, limit: int) -> list[int]:
        """Up to `limit` ids of `queryset`'s objects matching every term, best first."""
        entries = self._matches(terms, queryset)
        if entries is None:
            return [obj.pk for obj in self.search(terms, queryset, operator="and")[:limit]]
        ids = entries.order_by(
            "score", Cast("index_entry__object_id", IntegerField()).desc()
        ).values_list("index_entry__object_id", flat=True)[:limit]
        return [int(pk) for pk in ids]

    def matching_ids(self, terms: str, queryset, limit: int) -> list[int]:
        """Up to `limit` ids of `queryset`'s objects matching every term, the first found."""
        entries = self._matches(terms, queryset)
        if entries is None:
            return list(queryset.values_list("pk", flat=True)[:limit])
        ids = entries.values_list("index_entry__object_id", flat=True)[:limit]
        return [int(pk) for pk in ids]
