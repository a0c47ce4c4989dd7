"""Database housekeeping shared by the commands that write in bulk."""

from django.db import connections


def analyze(using: str = "default"):
    """Refresh SQLite's query-planner statistics after a bulk write.

    Without statistics, SQLite joins a small table through a large one: listing a language's
    member cities read every page of that language (20 ms at 50,000 case studies instead of 3),
    and the search page lists cities and regions on every request. PostgreSQL's autovacuum keeps
    its statistics itself, so this does nothing there.
    """
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
