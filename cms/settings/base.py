"""Settings shared by every environment. Values that differ between machines come from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from core.env import env, env_bool, env_int, env_list
from search.config import search_backends

from .storage import media_storage
from .translation import machine_translator

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env("SECRET_KEY", "django-insecure-local-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "cms",
    "demo",
    "accounts",
    "home",
    "cities",
    "initiatives",
    "search",
    "editorial",
    "translations",
    "core",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "django_tasks",
    "django_tasks_db",
    "taggit",
    "rest_framework",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.LanguagePrefixMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes asks: it turns a lockout noticed during the view into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cms.context_processors.site_navigation",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# SQLite is the embedded default; DATABASE_URL=postgres://… switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# AxesStandaloneBackend first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. A new language is one entry here (plus its locale created in the admin and its
# catalogue in locale/): see README, "Adding a language".
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Madrid"
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": media_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: the console backend locally; production sets EMAIL_URL-style variables.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Metropolis <no-reply@metropolis.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Translators are emailed when an original in their queue is published or changes.
TRANSLATION_QUEUE_EMAILS = env_bool("TRANSLATION_QUEUE_EMAILS", True)

# Wagtail
WAGTAIL_SITE_NAME = "Metropolis"
# The admin asks no third party for anything: no avatars from Gravatar (a hash of every editor's
# email sent out) and no release check from each editor's browser (updates come through
# requirements/). Both would also need the admin's Content-Security-Policy opened to them.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents always stream through Wagtail's view, which checks a private collection's
# restrictions; on S3 storage Wagtail would otherwise redirect to the file's public address.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Renditions for visitors on slow mobile connections (templates serve AVIF, then WebP, then the
# original format through {% picture %}). These qualities keep photographs free of visible
# artefacts at the sizes the pages show them while keeping each under a few tens of KiB: AVIF
# holds detail at a lower number than WebP, and WebP than JPEG. docs/benchmarks.md ("Page
# weights") shows what a page then weighs.
WAGTAILIMAGES_AVIF_QUALITY = 50
WAGTAILIMAGES_WEBP_QUALITY = 75
WAGTAILIMAGES_JPEG_QUALITY = 80
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100

# Search: the database backend unless ELASTICSEARCH_URL or OPENSEARCH_URL is set.
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "metropolis_")
WAGTAILSEARCH_BACKENDS = search_backends(SEARCH_INDEX_PREFIX, LANGUAGES)
# After an engine failure or timeout, visitors' searches use the database for this many seconds
# before asking the engine again (search/breaker.py).
SEARCH_BREAKER_COOLDOWN = env_int("SEARCH_BREAKER_COOLDOWN", 30)

# Shared by every process on the machine (the search breaker's state lives here): Redis when
# REDIS_URL is set, which several machines can share, else files under CACHE_DIR.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}
        if env("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("CACHE_DIR", str(BASE_DIR / ".cache" / "django")),
            # What pages keep rendered between publishes (core/published.py) is one entry per
            # page, card and listing: past Django's default of 300 entries the file cache drops
            # a third of them, the generation counter among them, on every write.
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    )
}
if not env("REDIS_URL"):
    # Wagtail writes an image's rendition to the cache on every {% image %}: a file written and
    # renamed per image per request with the file cache. Each process keeps its own instead;
    # a rendition's key names the image, its focal point and the filter, so it never goes stale.
    CACHES["renditions"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }

# Background tasks (search index updates, Wagtail's own): queued in the database and run by
# `manage.py db_worker` (started by `make run`, its own service in docker-compose.yml).
# TASK_BACKEND=immediate runs them inline instead, as the tests and the demo loader do.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env("TASK_BACKEND", "database")]}}

# wagtail-localize
# Off unless MACHINE_TRANSLATOR names DeepL or LibreTranslate (see cms/settings/translation.py).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator()
# Translations are created as drafts and go live only through the "Secretariat review" workflow
# (or a moderator publishing them), never by copying the source page's live status.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Signing in (django-axes; see docs/security.md). After LOGIN_FAILURE_LIMIT failed sign-ins for one
# username from one address, that pair is refused for LOGIN_LOCKOUT_MINUTES (every further failure
# restarts the wait) or until the secretariat unlocks it in the admin. Locking a username for
# everyone, or an address for every username, would let anyone lock out a colleague or a whole
# office behind one address.
AXES_ENABLED = env_bool("LOGIN_LOCKOUT_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=max(1, env_int("LOGIN_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_address"
# Successful sign-ins are not recorded with their address: only failures are needed.
AXES_DISABLE_ACCESS_LOG = True
# How many proxies in front of Django append to X-Forwarded-For (0: none, trust REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Emails anyone can make the site send, counted in the default cache per hour.
PASSWORD_RESETS_PER_HOUR_PER_ADDRESS = env_int("PASSWORD_RESETS_PER_HOUR_PER_ADDRESS", 5)
INVITATIONS_PER_HOUR_PER_INVITER = env_int("INVITATIONS_PER_HOUR_PER_INVITER", 50)
ACCOUNT_EMAILS_PER_HOUR_PER_RECIPIENT = env_int("ACCOUNT_EMAILS_PER_HOUR_PER_RECIPIENT", 3)

# Headers (see docs/security.md). Public pages run no inline script: scripts come from the site's
# own files, and anything that must be inline carries the request's nonce ({{ CSP_NONCE }}).
# Embeds (EmbedBlock) load in frames from CSP_FRAME_SOURCES; media on another host (a CDN or
# S3 bucket) need their origin in CSP_MEDIA_SOURCES.
CSP_FRAME_SOURCES = env_list(
    "CSP_FRAME_SOURCES",
    ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
)
CSP_MEDIA_SOURCES = env_list("CSP_MEDIA_SOURCES", [])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *CSP_MEDIA_SOURCES],
        "media-src": [SELF, *CSP_MEDIA_SOURCES],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *CSP_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# Wagtail's admin sets styles inline and runs inline scripts and event handlers (the page
# listing, the page and translation editors, image edit, history), so it gets its own policy,
# still limited to the site's own origin.
ADMIN_CSP_URL_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *CSP_MEDIA_SOURCES],
        "font-src": [SELF, "data:"],
    },
}
# Features no page uses, turned off for every page and anything it embeds.
PERMISSIONS_POLICY = env(
    "PERMISSIONS_POLICY",
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()",
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
