# Production image: gunicorn serving the Wagtail site as an unprivileged user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    PORT=8000

RUN apt-get update \
    && apt-get install -y --no-install-recommends libjpeg62-turbo libwebp7 zlib1g \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --uid 1000 wagtail

WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install --require-hashes -r requirements/base.txt

COPY --chown=wagtail:wagtail . .

# Static files and message catalogues are built into the image; the key is a throwaway one for
# these build steps only, the real SECRET_KEY comes from the environment at run time.
RUN SECRET_KEY=build-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz \
    python manage.py collectstatic --noinput --verbosity 0 \
    && SECRET_KEY=build-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz \
    python manage.py compiletranslations \
    && mkdir -p /app/media && chown -R wagtail:wagtail /app/media /app/locale

USER wagtail
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn cms.wsgi:application --config deploy/gunicorn.conf.py --access-logfile -"]
