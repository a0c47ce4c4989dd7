from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import RateLimitedPasswordResetView
from cms import health, views
from cms.api import api_router
from editorial import views as editorial_views
from search import views as search_views
from translations import views as translation_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Before Wagtail's own, which it replaces under the same name.
    path(
        "admin/password_reset/",
        RateLimitedPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/pages/", editorial_views.explore_root, name="wagtailadmin_explore_root"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("health/", health.alive, name="health"),
    path("health/ready", health.ready, name="health_ready"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under its language prefix: /en/, /fr/, /es/.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/autocomplete/", search_views.autocomplete, name="search_autocomplete"),
    path("sitemap.xml", views.locale_sitemap, name="locale_sitemap"),
    # A page in the visitor's language, or its original when it has no live translation there.
    path(
        "translations/<uuid:translation_key>/",
        translation_views.page_in_language,
        name="page_in_language",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
