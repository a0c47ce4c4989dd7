"""Health checks for load balancers and monitoring, outside the language prefixes.

- `/health/`: the process answers. No database or network call, so it stays cheap under load.
- `/health/ready`: what serving depends on, in JSON. 503 when the site cannot serve visitors:
  the database or the cache is unreachable. The search engine and the task queue are reported but
  do not make it 503: while the engine is away, searches answer from the database
  (search/breaker.py), and a stalled worker delays index updates, not pages; taking every web
  server out of a load balancer for either would turn a degraded site into no site.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from search import breaker
from search.index import engine_configured, search_backend

# Ready tasks waiting longer than this mean the worker is down or behind.
TASK_QUEUE_MAX_AGE = 300


@never_cache
@require_GET
def alive(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request):
    checks = {
        "database": _check(_database),
        "cache": _check(_cache),
        "search_engine": _check(_search_engine),
        "task_queue": _check(_task_queue),
    }
    serving = checks["database"]["ok"] and checks["cache"]["ok"]
    healthy = serving and all(check["ok"] for check in checks.values())
    status = "ok" if healthy else "degraded" if serving else "unavailable"
    return JsonResponse({"status": status, "checks": checks}, status=200 if serving else 503)


def _check(probe) -> dict:
    started = time.monotonic()
    try:
        result = {"ok": True, **(probe() or {})}
    except Exception as error:  # noqa: BLE001 - a failing dependency is what this reports
        result = {"ok": False, "error": f"{type(error).__name__}: {error}"[:200]}
    result["seconds"] = round(time.monotonic() - started, 3)
    return result


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    key = "health:probe"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not return what was just stored")


def _search_engine():
    if not engine_configured():
        return {"configured": False}
    breaker_state = breaker.state()
    details = {"configured": True, "breaker": breaker_state}
    if breaker_state["state"] == "open":
        return {**details, "ok": False}
    try:
        breaker.call(_ping, search_backend("default"))
    except Exception as error:  # noqa: BLE001 - reported, and the breaker is now open
        return {**details, "ok": False, "error": f"{type(error).__name__}: {error}"[:200]}
    return details


def _ping(backend):
    if not backend.es.ping():
        raise ConnectionError("the search engine does not answer")


def _task_queue():
    """How long the oldest task that is due has been waiting for the worker."""
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db."):
        return {"backend": backend.rsplit(".", 1)[-1]}
    from django_tasks_db.models import DBTaskResult, get_date_max

    due = DBTaskResult.objects.ready()
    undated = due.filter(run_after=get_date_max()).order_by("enqueued_at").first()
    dated = due.exclude(run_after=get_date_max()).order_by("run_after").first()
    # A task queued for now waits from its queueing; a retry, from the time it was due.
    since = [task.enqueued_at for task in [undated] if task] + [
        task.run_after for task in [dated] if task
    ]
    age = max(0.0, (timezone.now() - min(since)).total_seconds()) if since else 0.0
    return {"ok": age <= TASK_QUEUE_MAX_AGE, "due": due.count(), "oldest_seconds": round(age, 1)}
