"""/health/ and /health/ready answer load balancers in JSON, outside the language prefixes."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from cms.settings.base import TASK_BACKENDS
from search.tasks import update_page_index

pytestmark = [pytest.mark.django_db, pytest.mark.without_demo_content]

DATABASE_TASKS = {"default": {"BACKEND": TASK_BACKENDS["database"]}}
# Nothing listens on port 9 (discard): the connection is refused at once.
DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
    }
}


def test_alive_is_cheap_json(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_reports_every_dependency(client):
    response = client.get("/health/ready", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert set(data["checks"]) == {"database", "cache", "search_engine", "task_queue"}
    assert all(check["ok"] for check in data["checks"].values())


def test_ready_is_503_without_its_cache(client):
    with override_settings(CACHES=DEAD_REDIS):
        response = client.get("/health/ready")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "unavailable"
    assert not data["checks"]["cache"]["ok"]
    assert data["checks"]["database"]["ok"]


def test_ready_reports_the_age_of_the_oldest_waiting_task(client):
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DATABASE_TASKS):
        data = client.get("/health/ready").json()
        assert data["checks"]["task_queue"] == {
            "ok": True,
            "due": 0,
            "oldest_seconds": 0.0,
            "seconds": data["checks"]["task_queue"]["seconds"],
        }
        result = update_page_index.enqueue(1, "wagtailcore.Page", "en")
        DBTaskResult.objects.filter(pk=result.id).update(
            enqueued_at=timezone.now() - timedelta(minutes=10)
        )
        response = client.get("/health/ready")
    # A stalled worker delays index updates, not pages: reported, but still serving.
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "degraded"
    assert not data["checks"]["task_queue"]["ok"]
    assert data["checks"]["task_queue"]["due"] == 1
    assert data["checks"]["task_queue"]["oldest_seconds"] >= 600
