"""Where uploaded media (images, documents) are kept: the file system by default, served by the
web server in front (deploy/nginx.conf); or S3-compatible storage (AWS S3, MinIO, Scaleway,
OVH…) through django-storages when AWS_STORAGE_BUCKET_NAME is set, or MEDIA_STORAGE=s3."""

from django.core.exceptions import ImproperlyConfigured

from core.env import env

FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"


def uses_s3() -> bool:
    choice = env("MEDIA_STORAGE", "").strip().lower()
    if choice not in ("", "s3", "filesystem"):
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be s3 or filesystem; got {choice!r}.")
    if choice == "filesystem":
        return False
    return choice == "s3" or bool(env("AWS_STORAGE_BUCKET_NAME"))


def media_storage() -> dict:
    """The STORAGES["default"] entry the environment asks for."""
    if not uses_s3():
        return {"BACKEND": FILE_SYSTEM}
    bucket = env("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    options = {
        "bucket_name": bucket,
        # Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or an instance
        # role), read by boto3 itself: they never pass through the settings.
        "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,  # for a provider other than AWS
        "region_name": env("AWS_S3_REGION_NAME") or None,
        "custom_domain": env("AWS_S3_CUSTOM_DOMAIN") or None,  # a CDN in front of the bucket
        "location": env("AWS_LOCATION", "media"),
        # Image renditions are public and cached by browsers: plain URLs, not expiring signed
        # ones. Documents go through Wagtail's serve view (WAGTAILDOCS_SERVE_METHOD in
        # base.py), which checks their collection's privacy first.
        "querystring_auth": False,
        "default_acl": None,  # the bucket's own policy decides who reads
        "file_overwrite": False,  # Wagtail expects a new name for a new upload
    }
    return {"BACKEND": S3, "OPTIONS": {k: v for k, v in options.items() if v is not None}}
