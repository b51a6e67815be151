# One image for the web server, the Celery worker and beat.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 zen

WORKDIR /app
COPY requirements.lock .
RUN pip install -r requirements.lock
COPY . .
# collectstatic needs settings that load; these values are for the build only.
RUN DJANGO_DEBUG=0 SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only \
    ALLOWED_HOSTS=build EMAIL_URL=console:// python manage.py collectstatic --no-input \
    && mkdir -p /app/media && chown zen /app/media

USER zen
EXPOSE 8000
CMD ["gunicorn", "zen.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--worker-class", "sync", "--access-logfile", "-"]
