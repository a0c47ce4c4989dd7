from core.env import env
from search.config import DATABASE_BACKEND

from .base import *  # noqa: F403
from .base import BASE_DIR, TASK_BACKENDS

DEBUG = False
# Tests that hit a real engine use their own index prefix, so they never touch a developer's index.
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "metropolis_test_")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".cache" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Search tests choose their engine explicitly; the site itself uses the embedded default.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": DATABASE_BACKEND}}
# django-axes needs the request in authenticate(), which the test client's login() does not pass;
# the lockout tests turn it on for themselves (accounts/tests/).
AXES_ENABLED = False
# Tasks run inline, so a test sees their effect at once; the outage tests run the database queue
# and its worker themselves (search/tests/test_outage.py).
TASKS = {"default": {"BACKEND": TASK_BACKENDS["immediate"]}}
# Each test process has its own cache, so a test that opens the search breaker never sends another
# process's searches to the database; and it stays closed unless a test asks for a cool-down.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SEARCH_BREAKER_COOLDOWN = 0
