"""The project's URLs with uploaded media served, as nginx serves them in front of the site in
production (deploy/nginx.conf): for browser tests that load a page's images. Django's live test
server serves static files, not media, and DEBUG is off in tests."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from cms.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *project_urlpatterns,
]
