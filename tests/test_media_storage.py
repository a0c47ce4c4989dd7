"""Media go to S3-compatible storage when the environment names a bucket, and to the file system
(served by the web server in front) otherwise (cms/settings/storage.py)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

SHOW_STORAGE = """
import json
from django.conf import settings
from django.core.files.storage import default_storage
print(json.dumps({
    "backend": settings.STORAGES["default"]["BACKEND"],
    "url": default_storage.url("original_images/bridge.jpg"),
    "documents": settings.WAGTAILDOCS_SERVE_METHOD,
}))
"""


def production_storage(**variables) -> dict:
    """What the production settings choose under these environment variables, read in a fresh
    process: settings are read once, at start-up."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("AWS_") and name != "MEDIA_STORAGE"
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="a-test-secret-that-is-long-enough-for-production-checks",
        **variables,
    )
    script = f"import django; django.setup(); {SHOW_STORAGE}"
    finished = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    return json.loads(finished.stdout.strip().splitlines()[-1])


def test_media_stay_on_the_file_system_by_default():
    storage = production_storage()
    assert storage["backend"] == "django.core.files.storage.FileSystemStorage"
    assert storage["url"] == "/media/original_images/bridge.jpg"


def test_a_bucket_sends_media_to_s3_compatible_storage():
    storage = production_storage(
        AWS_STORAGE_BUCKET_NAME="metropolis-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
        AWS_ACCESS_KEY_ID="test-key",
        AWS_SECRET_ACCESS_KEY="test-secret",
    )
    assert storage["backend"] == "storages.backends.s3.S3Storage"
    # A plain address in the bucket, under media/, without an expiring signature.
    assert (
        storage["url"] == "https://s3.example.org/metropolis-media/media/original_images/bridge.jpg"
    )
    # Documents still go through Wagtail's view, which checks a private collection.
    assert storage["documents"] == "serve_view"


def test_a_cdn_domain_is_used_for_media_addresses():
    storage = production_storage(
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="metropolis-media",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
        AWS_ACCESS_KEY_ID="test-key",
        AWS_SECRET_ACCESS_KEY="test-secret",
    )
    assert storage["url"] == "https://media.example.org/media/original_images/bridge.jpg"


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"MEDIA_STORAGE": "s3"}, "needs AWS_STORAGE_BUCKET_NAME"),
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE must be s3 or filesystem"),
    ],
)
def test_an_incomplete_storage_setting_stops_start_up_with_a_message(variables, message):
    environment = {**os.environ, **variables}
    environment.pop("AWS_STORAGE_BUCKET_NAME", None)
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="a-test-secret-that-is-long-enough-for-production-checks",
    )
    finished = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode != 0
    assert message in finished.stderr
