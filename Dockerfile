# One image for every process: the web server, the Celery workers, beat and the one-shot jobs
# (migrate, collectstatic), each started by docker-compose.yml with its own command.
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
# Static files are collected by the `collectstatic` job of each deploy into /app/staticfiles
# (a volume the web server reads); uploads live in /app/media and /app/private-media, or on
# object storage (S3_BUCKET).
RUN mkdir -p /app/staticfiles /app/media /app/private-media \
    && chown zen /app/staticfiles /app/media /app/private-media

USER zen
EXPOSE 8000
# gunicorn.conf.py reads WEB_CONCURRENCY, GUNICORN_TIMEOUT and FORWARDED_ALLOW_IPS.
ENV GUNICORN_BIND=0.0.0.0:8000
CMD ["gunicorn", "--config", "gunicorn.conf.py", "zen.wsgi"]
