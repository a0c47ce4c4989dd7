"""The project's WSGI application with uploaded media served beside it, as nginx serves /media/ in
front of it in production (deploy/nginx.conf): what the page-weight benchmark (bench/weights.py)
serves, so that a page's images load as a visitor's would."""

from django.conf import settings
from whitenoise import WhiteNoise

from cms.wsgi import application as project

# autorefresh: renditions made after the server started are served too.
application = WhiteNoise(
    project, root=settings.MEDIA_ROOT, prefix=settings.MEDIA_URL, autorefresh=True
)
