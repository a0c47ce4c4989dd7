"""Wagtail's SQLite FTS5 backend, with rebuilds written in bulk.

Wagtail's SQLite index writes a chunk of objects by updating each already-indexed one with its
own UPDATE (which the FTS5 triggers turn into a delete and an insert), reads every search field
three times (once each for the title, the body and the autocomplete text), and recomputes the
title norms after every chunk. A rebuild of 50,000 pages over an existing index spent most of its
time there.

During a rebuild, this index writes each chunk as one DELETE of its objects' old entries and one
bulk INSERT, reads each object's fields once, and leaves the title norms to the end of the
rebuild, where Wagtail's rebuilder recomputes them for the whole table anyway. The entries written
are the same as Wagtail's. Single-page updates (a page published) keep Wagtail's code.
"""

from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteIndex,
    SQLiteSearchAtomicRebuilder,
    SQLiteSearchBackend,
    SQLiteSearchRebuilder,
)
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import get_content_type_pk


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
